import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/staff/{code}`: a staff member's card. Perceived quality is the metrics engine's NPS and CSAT filtered to the
/// staff member over the last twelve months (the same computation as `GET /api/v1/metrics?metric=nps&staff=CODE`,
/// linked from each figure); standard compliance is the mean mystery-shopping score of the visits where they served
/// the shopper; recognition counts thanks and customer praise. A caller scoped to locations sees their staff only.
struct StaffCardController {
    let reference: any ReferenceRepository
    let recognitions: any RecognitionRepository
    let mystery: any MysteryShoppingRepository
    let analytics: Analytics
    let minimumN: Int
    let pages: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("staff/{code}", use: card)
    }

    @Sendable func card(_ request: Request, context: AppRequestContext) async throws -> Response {
        let code = try context.parameters.require("code")
        let (language, text) = pages.text(for: request)
        let staff = try await reference.staff()
        guard let member = staff.first(where: { $0.code == code }), context.accessScope.allows(location: member.location) else {
            throw OtklikError(.notFound, "no staff member with code '\(code)'", field: "code")
        }
        let locations = Dictionary(uniqueKeysWithValues: try await reference.locations().map { ($0.code, $0.name) })
        let names = Dictionary(uniqueKeysWithValues: staff.map { ($0.code, $0.name) })
        let today = PulseSurveyController.today()
        let todayNumber = LocalCalendar.day(parsing: today) ?? 0
        let from = LocalCalendar.label(day: todayNumber - 365), to = LocalCalendar.label(day: todayNumber + 1)
        var figures: [StaffCardPage.Figure] = []
        var sample = ""
        for metric in ["nps", "csat"] {
            let parameters = ["metric": metric, "staff": code, "from": from, "to": to]
            let query = try MetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
            let report = try await analytics.report(query.metric, query.query, minimumN: minimumN)
            let overall = report.overall
            let shown = overall.insufficient ? nil : overall.value
            figures.append(
                StaffCardPage.Figure(
                    name: report.name, value: shown.map { Self.figure($0, percent: metric == "csat", language) } ?? "—", n: overall.n,
                    interval: shown == nil
                        ? (text["card_too_few"] ?? "fewer than {n} answers").replacingOccurrences(of: "{n}", with: String(report.minimumN))
                        : [overall.ciLow, overall.ciHigh].compactMap { $0 }.map { Self.figure($0, percent: metric == "csat", language) }.joined(separator: " … "),
                    link: "/api/v1/metrics?metric=\(metric)&staff=\(code)&from=\(from)&to=\(to)"))
            sample = report.sample ?? sample
        }
        let visits = try await mystery.reports(from: nil, to: nil).filter { $0.staff == code }
        let compliance =
            visits.isEmpty
            ? text["card_no_mystery"] ?? ""
            : (text["card_mystery"] ?? "{score} % on average over {n} visits")
                .replacingOccurrences(of: "{score}", with: EmployeeExperiencePageController.decimal(visits.map(\.score).reduce(0, +) / Double(visits.count), 1, language))
                .replacingOccurrences(of: "{n}", with: String(visits.count))
        let received = try await recognitions.received(by: [code], limit: 1000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        let page = StaffCardPage(
            code: member.code, name: member.name, location: member.location.map { locations[$0] ?? $0 } ?? "—", team: member.team, role: member.role,
            tenure: Self.tenure(member, today: today, text: text), from: from, to: LocalCalendar.label(day: todayNumber), figures: figures,
            sample: sample, compliance: compliance, thanks: received.filter { $0.kind == .thanks }.count,
            praise: received.filter { $0.kind == .customerPraise }.count,
            recognitions: received.prefix(10).map { recognition in
                StaffCardPage.Item(
                    kind: text["rec_kind_\(recognition.kind.rawValue)"] ?? recognition.kind.rawValue,
                    from: recognition.kind == .customerPraise
                        ? text["rec_from_customer_\(recognition.basis?.rawValue ?? "nps")"] ?? "" : names[recognition.from ?? ""] ?? recognition.from ?? "",
                    text: recognition.text.isEmpty ? nil : recognition.text, date: formatter.string(from: recognition.createdAt))
            }, hasRecognitions: !received.isEmpty)
        return pages.render("staff-card", page: page, title: member.name, request: request, context: context)
    }

    /// A figure as the page shows it: one decimal in the reader's language, a true minus sign, `%` for a share (CSAT is
    /// the share of 4-5 answers; NPS is in points).
    static func figure(_ value: Double, percent: Bool, _ language: String) -> String {
        EmployeeExperiencePageController.decimal(value, 1, language).replacingOccurrences(of: "-", with: "−") + (percent ? " %" : "")
    }

    /// "since 2019-03-01 (7 years 8 months)", "worked 2020-01-10 — 2025-06-30", or "hiring date not recorded".
    static func tenure(_ member: Staff, today: String, text: [String: String]) -> String {
        guard let hired = member.hiredOn, let start = LocalCalendar.day(parsing: hired) else { return text["card_no_hiring_date"] ?? "" }
        let end = member.leftOn ?? today
        let months = max(0, Int(LocalCalendar.monthIndex(of: LocalCalendar.day(parsing: end) ?? start) - LocalCalendar.monthIndex(of: start)))
        let length = (text["card_length"] ?? "{y} y {m} m").replacingOccurrences(of: "{y}", with: String(months / 12))
            .replacingOccurrences(of: "{m}", with: String(months % 12))
        if let left = member.leftOn {
            return (text["card_worked"] ?? "worked {from} — {to} ({length})").replacingOccurrences(of: "{from}", with: hired)
                .replacingOccurrences(of: "{to}", with: left).replacingOccurrences(of: "{length}", with: length)
        }
        return (text["card_since"] ?? "since {from} ({length})").replacingOccurrences(of: "{from}", with: hired).replacingOccurrences(of: "{length}", with: length)
    }
}
