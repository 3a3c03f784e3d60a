import Foundation
import OtklikCore
import OtklikMetrics

/// The customer pages' consents, preferences, merges, value and acquisition sections in the reader's language.
struct CustomerValueSections {
    let text: [String: String]
    let language: String
    let timeZone: TimeZone

    static func number(_ value: Double, digits: Int, language: String) -> String {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: language == "en" ? "en_GB" : "ru_RU")
        formatter.numberStyle = .decimal
        formatter.minimumFractionDigits = digits
        formatter.maximumFractionDigits = digits
        // Rounded first: swift-corelibs' formatter does not always honour maximumFractionDigits.
        let scale = pow(10, Double(digits))
        return formatter.string(from: NSNumber(value: (value * scale).rounded() / scale)) ?? String(format: "%.\(digits)f", value)
    }

    func time(_ date: Date?) -> String { date.map { PageDate.moment($0, timeZone: timeZone, text: text) } ?? "—" }

    func consent(_ consent: Consent) -> CustomerPage.ConsentRow {
        CustomerPage.ConsentRow(
            purpose: text["cust_consent_purpose_\(consent.purpose.rawValue)"] ?? consent.purpose.rawValue,
            channel: text["cust_contact_channel_\(consent.channel)"] ?? consent.channel, source: consent.source.isEmpty ? "—" : consent.source,
            given: time(consent.givenAt), expires: time(consent.expiresAt), withdrawn: time(consent.withdrawnAt),
            inForce: text[consent.inForce(at: Date()) ? "cust_consent_in_force" : "cust_consent_not_in_force"] ?? "")
    }

    func preferences(_ p: ContactPreferences) -> [CustomerPage.Fact] {
        var facts: [CustomerPage.Fact] = []
        func add(_ key: String, _ value: String?) {
            if let value { facts.append(CustomerPage.Fact(label: text[key] ?? key, value: value)) }
        }
        add("cust_preference_channel", p.preferredChannel.map { text["cust_contact_channel_\($0)"] ?? $0 })
        add("cust_preference_language", p.language.map { text["cust_language_\($0)"] ?? $0 })
        add("cust_preference_time_zone", p.timeZone)
        if let from = p.quietFromMinute, let to = p.quietToMinute {
            add("cust_preference_quiet_hours", ContactPreferencesInput.clock(from) + "–" + ContactPreferencesInput.clock(to))
        }
        add("cust_preference_max_per_week", p.maxPerWeek.map(String.init))
        return facts
    }

    func merge(_ merge: CustomerMerge, of customer: String, canUndo: Bool) -> CustomerPage.MergeRow {
        CustomerPage.MergeRow(
            id: merge.id, survivorHref: CustomersPageController.href(merge.survivor), survivor: merge.survivor,
            absorbedHref: CustomersPageController.href(merge.absorbed), absorbed: merge.absorbed,
            evidence: merge.evidence.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
            actor: merge.actor, when: time(merge.mergedAt), undone: merge.undoneAt.map { time($0) }, canUndo: canUndo && merge.undoneAt == nil,
            action: CustomersPageController.href(customer) + "/unmerge")
    }

    func value(_ value: CustomerValueJSON) -> CustomerPage.Value {
        var facts: [CustomerPage.Fact] = []
        if value.status == "ok" {
            func add(_ key: String, _ number: Double?, _ digits: Int, percent: Bool = false, interval: String) {
                guard let number else { return }
                let scale = percent ? 100.0 : 1.0
                let write = { (x: Double) in Self.number(x * scale, digits: digits, language: language) }
                var shown = write(number) + (percent ? " %" : "")
                if let range = value.intervalsByFigure?[interval], let low = range.ciLow, let high = range.ciHigh {
                    shown += " [\(write(low)); \(write(high))]"
                }
                facts.append(CustomerPage.Fact(label: text[key] ?? key, value: shown))
            }
            add("cust_value_p_alive", value.pAlive, 1, percent: true, interval: "p_alive")
            add("cust_value_expected_purchases", value.expectedPurchases, 2, interval: "expected_purchases_12m")
            add("cust_value_expected_spend", value.expectedSpend, 2, interval: "expected_spend")
            add("cust_value_clv", value.clv, 2, interval: "clv")
            facts.append(CustomerPage.Fact(label: text["cust_value_repeat_purchases"] ?? "", value: String(value.repeatPurchases ?? 0)))
        }
        let reason: String? = value.status == "ok" ? nil
            : value.n < CustomerValueModel.minimumCustomers ? (text["cust_value_too_few"] ?? "").replacingOccurrences(of: "{min}", with: String(CustomerValueModel.minimumCustomers))
            : value.reason?.hasPrefix("the customer has no transaction") == true ? text["cust_value_no_transactions"] : text["cust_value_no_fit"]
        return CustomerPage.Value(ok: value.status == "ok", reason: reason, facts: facts, asOf: PageDate.day(value.asOf, text: text), n: value.n, nSpend: value.nSpend)
    }

    static func acquisition(_ report: AcquisitionReport, language: String) -> CustomersPage.AcquisitionSection {
        let channels = report.channels.map {
            CustomersPage.Channel(
                channel: $0.channel, cost: number($0.cost, digits: 0, language: language), customers: $0.customers,
                cac: $0.cac.map { number($0, digits: 2, language: language) } ?? "—")
        }
        var share = "—"
        if let value = report.earnedShare, let interval = report.earnedShareInterval {
            let p = { (x: Double) in number(x * 100, digits: 0, language: language) }
            share = "\(p(value)) % (95 % CI \(p(interval.low))–\(p(interval.high)) %)"
        }
        return CustomersPage.AcquisitionSection(
            channels: channels, hasChannels: !channels.isEmpty, bought: report.bought, earned: report.earned, unknown: report.unknown,
            n: report.n, earnedShare: share)
    }
}
