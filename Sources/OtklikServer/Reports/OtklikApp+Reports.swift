import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore

extension OtklikApp {
    /// The monthly report in its three forms, in the interface text of `localizer`.
    func monthlyReports(renderer: PageRenderer) -> MonthlyReports {
        MonthlyReports(
            database: database, analytics: analytics, caseReports: CaseReports(database: database, schedule: caseSchedule),
            dissatisfaction: dissatisfaction, localizer: renderer.localizer, library: renderer, minimumN: configuration.minimumN)
    }

    /// `/reports/monthly` with its PDF and XLSX downloads and its e-mail subscriptions (`/reports/subscriptions`), and
    /// `/api/v1/report-subscriptions`.
    func addReportRoutes(api: RouterGroup<AppRequestContext>, pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        let subscriptions = ReportSubscriptions(repository: database.reportSubscriptions)
        MonthlyReportController(reports: monthlyReports(renderer: renderer), pages: renderer, subscriptions: subscriptions).addRoutes(to: group)
        ReportSubscriptionController(subscriptions: subscriptions, defaultLanguage: renderer.localizer.defaultLanguage).addRoutes(to: api)
    }

    /// The monthly report of `month` (`YYYY-MM`) for the organisation or one location, as the bytes of an HTML, PDF
    /// or XLSX file in `language` (`ru` or `en`): what `otklik report monthly` writes.
    public func monthlyReportFile(month: String, location: String?, format: String, language: String) async throws -> Data {
        guard let chosen = MonthlyReports.Format(rawValue: format) else {
            throw OtklikError.invalid("format", "format must be html, pdf or xlsx")
        }
        guard Localizer.languages.contains(language) else { throw OtklikError.invalid("language", "language must be ru or en") }
        let organisation = try await database.reference.organisation()
        let renderer = try await PageRenderer(localizer: try Localizer(defaultLanguage: organisation.defaultLang))
        var parameters = ["month": month]
        if let location { parameters["location"] = location }
        let query = try MonthlyReportQuery(parameters: parameters, timeZone: analytics.timeZone)
        return try await monthlyReports(renderer: renderer).file(query, format: chosen, language: language)
    }

    /// The background round that e-mails the monthly report to its subscribers (one server at a time, under a lease).
    func reportMailRound(sender: (any MailSender)? = nil, printer: (@Sendable () -> ChromiumPrinter?)? = nil) async throws -> ReportMailRound {
        let organisation = try await database.reference.organisation()
        let renderer = try await PageRenderer(localizer: try Localizer(defaultLanguage: organisation.defaultLang))
        var round = ReportMailRound(
            subscriptions: database.reportSubscriptions, reports: monthlyReports(renderer: renderer), sender: sender ?? mailSender,
            composer: ReportMailComposer(from: configuration.mailFrom, publicURL: configuration.publicURL),
            policy: DeliveryPolicy(maxAttempts: 5, baseSeconds: Double(configuration.webhookBackoffSeconds), capSeconds: 3600),
            lease: lease("report-mail", every: .seconds(60)), holder: instance, logger: logger)
        if let printer { round.printer = printer }
        return round
    }
}
