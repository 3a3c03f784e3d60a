import Foundation
import OtklikApplication
import Hummingbird
import OtklikCore
import OtklikStore

/// `/customers`: find a customer by name, phone, e-mail address or id (normalised as the API does), the review queue
/// of probable matches (admins and managers merge or keep apart) and CAC by channel with earned vs bought customers;
/// `/customers/{id}`: the customer's identities, consents, contact preferences, merges (admins and managers unmerge),
/// value, and one timeline of everything linked to them, newest first, 50 items a page, each with the identity that
/// linked it. Every signed-in role reads; viewers see phones, e-mail addresses and cards masked.
struct CustomersPageController {
    let customers: any CustomerRepository
    let reference: any ReferenceRepository
    let database: AppDatabase
    let values: CustomerValueModel
    let pages: PageRenderer
    let timeZone: TimeZone
    var churn: ChurnModelCache? = nil

    static let pageSize = 50

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("customers", use: search)
        group.get("customers/{id}", use: detail)
        CustomerActionsController(database: database).addRoutes(to: group)
    }

    /// Viewers read contacts masked (``RecipientMask``): a phone's last two digits, an address's first letter and domain.
    static func shown(_ identity: CustomerIdentity, masked: Bool) -> String {
        guard masked else { return identity.value }
        switch identity.kind {
        case .phone, .email, .loyaltyCard: return RecipientMask.mask(identity.value)
        default: return identity.value
        }
    }

    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let masked = !context.permits(.readPersonalData)
        let query = (Self.formValue("q", in: request.uri.query) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var page = CustomersPage(query: query, searched: !query.isEmpty)
        page.notice = CustomerActionsController.notice(request.uri.queryParameters, text: text)
        // A user limited to some locations: only customers with a record there; the review queue (pairs of
        // customers anywhere) and the acquisition figures (the whole organisation's) are not theirs.
        let scope = context.accessScope.locationCodes
        page.canDecide = context.permits(.workCases) && scope == nil
        if page.canDecide {
            let open = try await database.customerReview.open(limit: 50)
            page.review = open.map { item in
                CustomersPage.ReviewRow(
                    id: item.id, leftHref: Self.href(item.left), left: item.left, rightHref: Self.href(item.right), right: item.right,
                    reason: text["cust_review_reason_\(item.reason.code.split(separator: ":").first ?? "")"] ?? item.reason.code,
                    shared: "\(Self.kindLabel(item.shared.kind, text)): \(item.shared.value)", created: format(item.createdAt, text))
            }
            page.hasReview = !page.review.isEmpty
            page.reviewCount = page.review.count
        }
        if scope == nil {
            page.acquisition = CustomerValueSections.acquisition(try await CustomerAcquisitionLoader.load(database), language: language)
        }
        if !query.isEmpty {
            let found = query.count <= 200 ? try await customers.search(query, limit: 50, locations: scope) : []
            page.rows = found.map { customer in
                CustomersPage.Row(
                    href: Self.href(customer.id), id: customer.id, name: customer.displayName ?? "—",
                    identities: customer.identities.map { "\(Self.kindLabel($0.identity.kind, text)): \(Self.shown($0.identity, masked: masked))" }
                        .joined(separator: "; "),
                    created: format(customer.createdAt, text))
            }
            page.hasRows = !page.rows.isEmpty
            page.count = page.rows.count
        }
        return pages.render("customers", page: page, titleKey: "customers", request: request, context: context)
    }

    @Sendable func detail(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let masked = !context.permits(.readPersonalData)
        let id = try context.parameters.require("id")
        let scope = context.accessScope.locationCodes
        // Another location's customer is answered as one that does not exist.
        guard let customer = try await customers.customer(id: id), try await customers.isVisible(id, within: scope) else {
            throw OtklikError(.notFound, "no such customer", field: "id")
        }
        let offset = max(0, Int(request.uri.queryParameters["offset"] ?? "") ?? 0)
        let timeline = try await customers.timeline(of: id, offset: offset, limit: Self.pageSize, locations: scope)
        let names = try await ReferenceNames.load(reference)
        let identities = customer.identities.map {
            CustomerPage.Identity(
                kind: Self.kindLabel($0.identity.kind, text), value: Self.shown($0.identity, masked: masked),
                source: text["identity_source_\($0.source)"] ?? $0.source, firstSeen: format($0.firstSeenAt, text))
        }
        let items = timeline.items.map { item in
            CustomerPage.Item(
                when: format(item.at, text), what: text["timeline_kind_\(item.kind.rawValue)"] ?? item.kind.rawValue,
                channel: item.channel.map { Self.channelLabel(item.kind, $0, names: names, text: text) } ?? "—",
                state: Self.stateLabel(item, text), details: Self.details(item, names: names, text: text),
                linkedBy: item.linkedBy.map { "\(Self.kindLabel($0.kind, text)): \(Self.shown($0, masked: masked))" } ?? "—",
                href: item.kind == .feedbackCase ? "/cases/" + item.id
                    : item.kind == .lifeSituation ? "/life-situations#situation-" + (item.details["situation"] ?? "") : nil)
        }
        let newer = offset > 0 ? Self.href(customer.id) + "?offset=\(max(0, offset - Self.pageSize))" : nil
        let older = timeline.nextOffset.map { Self.href(customer.id) + "?offset=\($0)" }
        var page = CustomerPage(
            id: customer.id, name: customer.displayName ?? customer.id, hasName: customer.displayName != nil,
            created: format(customer.createdAt, text), lang: customer.lang ?? "—", erased: customer.erased,
            identities: identities, hasIdentities: !identities.isEmpty, masked: masked,
            items: items, hasItems: !items.isEmpty, total: timeline.total,
            first: timeline.items.isEmpty ? 0 : offset + 1, last: offset + timeline.items.count,
            newerHref: newer, olderHref: older, hasPager: newer != nil || older != nil)
        page.notice = CustomerActionsController.notice(request.uri.queryParameters, text: text)
        page.canChange = context.permits(.workCases) && scope == nil
        let sections = CustomerValueSections(text: text, language: language, timeZone: timeZone)
        page.consents = try await database.consents.consents(of: id).map { sections.consent($0) }
        page.hasConsents = !page.consents.isEmpty
        page.preferences = try await database.consents.preferences(of: id).map { sections.preferences($0) } ?? []
        page.hasPreferences = !page.preferences.isEmpty
        if scope == nil {
            page.merges = try await database.customerMerges.merges(of: id).map { sections.merge($0, of: id, canUndo: page.canChange) }
            page.hasMerges = !page.merges.isEmpty
            page.mergedInto = try await SQLCustomerLookup(database: database.sql).mergedInto(id)
            page.mergedIntoHref = page.mergedInto.map(Self.href)
            page.value = sections.value(try await values.value(of: id))
            page.churn = await CustomerChurnSection.make(customer: id, cache: churn, text: text, language: language)
        } else {
            // Merges name other customers; the value and the churn risk are figures over the whole history.
            page.scoped = true
        }
        return pages.render(
            "customer", page: page, title: "\(text["customer"] ?? "Customer") \(customer.displayName ?? customer.id)", request: request,
            context: context)
    }

    /// A value of a form sent by GET, decoded as a browser encodes it: `+` is a space (`8+912+…`), `%2B` a plus.
    static func formValue(_ name: String, in query: String?) -> String? {
        for pair in (query ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.first == Substring(name) else { continue }
            let raw = parts.count > 1 ? String(parts[1]) : ""
            return raw.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? raw
        }
        return nil
    }

    static func href(_ id: String) -> String {
        "/customers/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id)
    }

    static func kindLabel(_ kind: IdentityKind, _ text: [String: String]) -> String {
        text["identity_kind_\(kind.rawValue)"] ?? kind.rawValue
    }

    /// The item's state in the reader's language.
    static func stateLabel(_ item: TimelineItem, _ text: [String: String]) -> String {
        guard let status = item.status else { return "—" }
        let key: String
        switch item.kind {
        case .feedback: key = "feedback_kind_\(status)"
        case .interaction: key = "outcome_\(status)"
        case .feedbackCase: key = "case_status_\(status)"
        case .surveyInvitation, .surveyAnswer: key = "invitation_status_\(status)"
        case .serviceRequest: key = "request_status_\(status)"
        case .transaction: key = "cust_transaction_kind_\(status)"
        case .messageSent: key = "cust_message_status_\(status)"
        case .lifeSituation: key = "cust_life_situation_\(status)"
        }
        return text[key] ?? status
    }

    /// The scores and short facts of an item, named in the reader's language; a comment cut at 200 characters.
    static func details(_ item: TimelineItem, names: ReferenceNames, text: [String: String]) -> String {
        if item.kind == .lifeSituation {
            let name = item.details[text["lang"] == "ru" ? "situation_ru" : "situation_en"] ?? item.details["situation"] ?? "—"
            let signals = (item.details["signals"] ?? "").split(separator: ",").compactMap { key -> String? in
                let parts = key.trimmingCharacters(in: .whitespaces).split(separator: ":", maxSplits: 1).map(String.init)
                guard parts.count == 2, let kind = LifeSituationSignal.Kind(rawValue: parts[0]) else { return nil }
                return LifeSituationsPageController.signal(LifeSituationSignal(kind: kind, code: parts[1]), names: names, text: text)
            }
            return "\(name); \(text["detail_signals"] ?? "signals"): \(signals.isEmpty ? "—" : signals.joined(separator: ", "))"
        }
        var parts: [String] = []
        for (name, label) in [("nps", "NPS"), ("csat", "CSAT"), ("ces", "CES")] {
            if let value = item.details[name] { parts.append("\(label) \(value)") }
        }
        if let button = item.details["button"] { parts.append(text["button_\(button)"] ?? button) }
        for name in ["amount", "quantity", "topic", "service", "location", "survey", "answers", "wait_s", "talk_s", "feedback", "template", "recipient"] {
            guard let value = item.details[name] else { continue }
            // A contact's topic that is its service's code says nothing the service's name does not.
            if name == "topic", value == item.details["service"] { continue }
            let shown = switch name {
            case "location": names.name(.location, value, text: text)
            case "service": names.name(.service, value, text: text)
            case "wait_s", "talk_s": Double(value).map { PageDuration.words($0, text: text) } ?? value
            case "amount": Double(value).map { CustomerValueSections.number($0, digits: 2, language: text["lang"] ?? "en") } ?? value
            default: value
            }
            parts.append("\(text["detail_\(name)"] ?? name): \(shown)")
        }
        if let comment = item.details["comment"] {
            parts.append("«\(comment.count > 200 ? String(comment.prefix(200)) + "…" : comment)»")
        }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    /// A survey's code as it is; a message's channel (`email`, `sms`) by its preference label; other channels by name.
    static func channelLabel(_ kind: TimelineItem.Kind, _ channel: String, names: ReferenceNames, text: [String: String]) -> String {
        switch kind {
        case .surveyInvitation, .surveyAnswer: return channel
        case .messageSent: return text["cust_contact_channel_\(channel)"] ?? channel
        default: return names.name(.channel, channel, text: text)
        }
    }

    func format(_ date: Date, _ text: [String: String]) -> String { PageDate.moment(date, timeZone: timeZone, text: text) }
}
