import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikStore

/// `/`: the dashboard of feedback metrics, filtered by period, region, location, service and channel.
struct DashboardController {
    let analytics: Analytics
    let reference: any ReferenceRepository
    let targets: any TargetRepository
    let cases: any CaseRepository
    let problems: any ProblemRepository
    let reasons: any ReasonRepository
    let pages: PageRenderer
    let minimumN: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/", use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        let parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let names = try await ReferenceNames.load(reference).within(context.accessScope)
        var builder = DashboardBuilder(analytics: analytics, names: names, minimumN: minimumN, text: text)
        builder.targets = try await targets.targets()
        var filters: DashboardFilters
        do throws(DashboardFilters.Problem) {
            filters = try DashboardFilters(query: parameters, timeZone: analytics.timeZone)
            filters.scopeLocations = context.accessScope.locationCodes
        } catch {
            // A bad period keeps the form as entered and says what is wrong, in the page's language.
            let page = builder.formOnly(parameters, problem: error)
            return pages.render("dashboard", page: page, title: page.heading, request: request, context: context, status: .unprocessableContent)
        }
        if let location = filters.location, !context.accessScope.allows(location: location) {
            throw OtklikError(.notFound, "no location '\(location)'", field: "location")
        }
        var page = try await builder.build(filters)
        let themes = Dictionary(try await reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
        page.actions = try await ActionAlertFinder(cases: cases, problems: problems, names: names, themes: themes, text: text)
            .find(filters, kpis: page.kpis, timeZone: analytics.timeZone)
        if !page.actions.isEmpty { page.hasAlerts = true }
        return pages.render("dashboard", page: page, title: page.heading, request: request, context: context)
    }
}
