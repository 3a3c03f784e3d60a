import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// The report page's e-mail subscriptions: `POST /reports/subscriptions` subscribes (the form's fields `email`,
/// `location`, `lang`, `format` (repeated), `day`), `POST /reports/subscriptions/{id}/delete` unsubscribes; both
/// answer 303 back to the report, a wrong field re-renders the page with the form kept and the field named (422).
extension MonthlyReportController {
    /// Each language by its own name, as a language menu shows it.
    static let languageNames = ["ru": "Русский", "en": "English"]

    /// Back to the report of the month the form was sent from (`month`, when it is one), at the section.
    static func back(_ fields: FormFields, _ parameter: String) -> String {
        let month = (fields.first("month") ?? "").trimmingCharacters(in: .whitespaces)
        let kept = MonthlyReportQuery.parse(month) == nil ? "" : "month=\(month)&"
        return "/reports/monthly?\(kept)\(parameter)#report-subscriptions"
    }

    /// The section for a user who may change the configuration; nil for everyone else.
    func subscriptionSection(
        context: AppRequestContext, text: [String: String], locations: [SelectOption], language: String, draft: [String: [String]] = [:],
        error: String? = nil, notice: String? = nil
    ) async throws -> ReportSubscriptionSection? {
        guard context.permits(.changeConfiguration) else { return nil }
        let names = Dictionary(locations.map { ($0.code, $0.label) }, uniquingKeysWith: { first, _ in first })
        var rows: [ReportSubscriptionSection.Row] = []
        for subscription in try await subscriptions.list() {
            let last = try await subscriptions.mailings(id: subscription.id).first
            rows.append(ReportSubscriptionSection.Row(
                id: subscription.id, email: subscription.email, scope: names[subscription.location ?? ""] ?? subscription.location ?? "",
                language: Self.languageNames[subscription.language] ?? subscription.language, formats: subscription.formats.map { $0.rawValue.uppercased() }.joined(separator: " + "),
                day: subscription.day, last: last.map { "\($0.month): \($0.status)" } ?? (text["report_sub_never"] ?? "not yet")))
        }
        let chosenLocation = draft["location"]?.first ?? ""
        let chosenLanguage = draft["lang"]?.first ?? language
        let formats = draft["format"] ?? ["pdf", "xlsx"]
        return ReportSubscriptionSection(
            rows: rows, hasRows: !rows.isEmpty, email: draft["email"]?.first ?? "",
            locations: locations.map { SelectOption(code: $0.code, label: $0.label, selected: $0.code == chosenLocation) },
            languages: ["ru", "en"].map { SelectOption(code: $0, label: Self.languageNames[$0] ?? $0, selected: chosenLanguage == $0) },
            pdf: formats.contains("pdf"), xlsx: formats.contains("xlsx"), day: draft["day"]?.first ?? "1", error: error, notice: notice)
    }

    @Sendable func subscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 64 * 1024)
        let fields = FormFields(String(buffer: body))
        var draft: [String: [String]] = [:]
        for name in ["email", "location", "lang", "format", "day"] { draft[name] = fields.all(name) }
        let dayText = (draft["day"]?.first ?? "1").trimmingCharacters(in: .whitespaces)
        do {
            guard let day = Int(dayText) else { throw OtklikError.invalid("day", "day must be a day of the month 1-31 (got '\(dayText.prefix(20))')") }
            let (subscription, _) = try await subscriptions.subscribe(
                email: draft["email"]?.first ?? "", location: draft["location"]?.first, language: draft["lang"]?.first ?? "",
                formats: draft["format"] ?? [], day: day)
            return Response(status: .seeOther, headers: [.location: Self.back(fields, "subscribed=\(subscription.id)")])
        } catch let error as OtklikError where error.code == .invalidInput {
            let (_, text) = pages.text(for: request)
            let field = error.field ?? "email"
            let message = (text["kpi_error_field"] ?? "“{field}”: {message}")
                .replacingOccurrences(of: "{field}", with: text["report_field_\(field)"] ?? field)
                .replacingOccurrences(of: "{message}", with: error.message)
            return try await page(request, context: context, subscriptionDraft: draft, subscriptionError: message)
        }
    }

    @Sendable func unsubscribe(_ request: Request, context: AppRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16 * 1024)
        try await subscriptions.unsubscribe(id: try context.parameters.require("id"))
        return Response(status: .seeOther, headers: [.location: Self.back(FormFields(String(buffer: body)), "unsubscribed=1")])
    }
}
