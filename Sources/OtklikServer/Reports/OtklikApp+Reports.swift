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

    /// `/reports/monthly` and its PDF and XLSX downloads.
    func addReportRoutes(pages group: RouterGroup<AppRequestContext>, renderer: PageRenderer) {
        MonthlyReportController(reports: monthlyReports(renderer: renderer), pages: renderer).addRoutes(to: group)
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
}
