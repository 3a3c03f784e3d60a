import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore

/// `GET /reports/monthly?month=YYYY-MM[&location=CODE]`: the printable monthly report of the organisation or one
/// location; `/reports/monthly.pdf` and `/reports/monthly.xlsx` the same report as a PDF (printed by headless Chromium
/// when it is installed) and as a workbook of its tables. A month or location that is wrong keeps the form and says
/// which field (422), with no figures. A reader limited to some locations gets the report of one of them (their only
/// one when none is chosen); the organisation's report is refused them (422 on the location field), another
/// location's is 404. Administrators and CX directors also see who gets the report by e-mail and subscribe or
/// unsubscribe there (``ReportSubscriptionSection``).
struct MonthlyReportController {
    let reports: MonthlyReports
    let pages: PageRenderer
    let subscriptions: ReportSubscriptions

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/reports/monthly", use: page)
        group.post("/reports/subscriptions", use: subscribe)
        group.post("/reports/subscriptions/{id}/delete", use: unsubscribe)
        group.get("/reports/monthly.pdf", use: pdf)
        group.get("/reports/monthly.xlsx", use: xlsx)
    }

    /// The query's parameters; for a reader limited to one location, that location when none is chosen.
    static func parameters(_ request: Request, scope: Set<String>? = nil) -> [String: String] {
        var parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        if let scope, scope.count == 1, (parameters["location"] ?? "").isEmpty { parameters["location"] = scope.first }
        return parameters
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await page(request, context: context, subscriptionDraft: [:], subscriptionError: nil)
    }

    /// The page; `subscriptionError` (with the form's values in `subscriptionDraft`) after a subscription that was refused.
    func page(
        _ request: Request, context: AppRequestContext, subscriptionDraft: [String: [String]], subscriptionError: String?
    ) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let scope = context.accessScope.locationCodes
        let parameters = Self.parameters(request, scope: scope)
        let builder = try await reports.builder(language: language, scope: scope)
        let heading = text["report_heading"] ?? "Monthly report"
        let locations = builder.form(month: "", location: nil).locations
        var notice: String?
        if let id = parameters["subscribed"], let subscription = try await subscriptions.list().first(where: { $0.id == id }) {
            notice = (text["report_sub_added"] ?? "Subscribed: {email}, day {day}.")
                .replacingOccurrences(of: "{email}", with: subscription.email).replacingOccurrences(of: "{day}", with: String(subscription.day))
        } else if parameters["unsubscribed"] != nil {
            notice = text["report_sub_removed"] ?? "Unsubscribed."
        }
        let section = try await subscriptionSection(
            context: context, text: text, locations: locations, language: language, draft: subscriptionDraft, error: subscriptionError, notice: notice)
        let status: HTTPResponse.Status = subscriptionError == nil ? .ok : .unprocessableContent
        do {
            let query = try MonthlyReportQuery(parameters: parameters, timeZone: reports.analytics.timeZone)
            var page = try await builder.build(query)
            page.subscriptions = section
            return pages.render("monthly-report", page: page, title: page.heading, request: request, context: context, status: status)
        } catch let error as OtklikError where error.code == .invalidInput {
            let field = error.field ?? "month"
            let message = (text["kpi_error_field"] ?? "“{field}”: {message}")
                .replacingOccurrences(of: "{field}", with: text["report_field_\(field)"] ?? field)
                .replacingOccurrences(of: "{message}", with: text["report_error_\(field)"] ?? error.message)
            var page = MonthlyReportPage(
                heading: heading, scope: "", month: parameters["month"] ?? "", period: "", previousPeriod: "", generatedAt: "", query: "",
                form: builder.form(month: parameters["month"] ?? "", location: parameters["location"], error: message, field: field))
            page.subscriptions = section
            return pages.render("monthly-report", page: page, title: heading, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func pdf(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await download(request, context: context, format: .pdf)
    }

    @Sendable func xlsx(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await download(request, context: context, format: .xlsx)
    }

    func download(_ request: Request, context: AppRequestContext, format: MonthlyReports.Format) async throws -> Response {
        let language = pages.localizer.language(for: request)
        let scope = context.accessScope.locationCodes
        let query = try MonthlyReportQuery(parameters: Self.parameters(request, scope: scope), timeZone: reports.analytics.timeZone)
        let data = try await reports.file(query, format: format, language: language, scope: scope)
        return Response(
            status: .ok,
            headers: [
                .contentType: format.contentType, .cacheControl: "no-store",
                .contentDisposition: "attachment; filename=\"\(query.fileStem).\(format.rawValue)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
