import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `/`: the dashboard of feedback metrics, filtered by period, region, location, service, channel and customer segment.
struct DashboardController {
    let analytics: Analytics
    let reference: any ReferenceRepository
    let targets: any TargetRepository
    let cases: any CaseRepository
    let problems: any ProblemRepository
    let reasons: any ReasonRepository
    /// Measurement surveys, whose response rate below its target is an alert (``ResponseRateTarget``).
    let surveys: any SurveyRepository
    let pages: PageRenderer
    let minimumN: Int
    /// The segments as slices: the "Segment" filter (issue 18 item 7).
    let slicer: SegmentSlicer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/", use: dashboard)
    }

    @Sendable func dashboard(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (language, text) = pages.text(for: request)
        var parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let names = try await ReferenceNames.load(reference).within(context.accessScope)
        var builder = DashboardBuilder(analytics: analytics, names: names, minimumN: minimumN, text: text)
        builder.language = language
        // ClickHouse's facts carry no customer: with it the dashboard offers no segment.
        builder.segments = analytics.feedbackIsExternal ? [] : try await slicer.definitions()
        let allTargets = try await targets.targets()
        builder.targets = allTargets
        // No period asked for and the feedback ends before today (a demo, an import not yet refreshed): the default 90
        // days end at the data's last day, and the page says so — as the KPI pages do (``KPIPagesController/respond``).
        let today = LocalCalendar.day(of: Date(), in: analytics.timeZone)
        let last = DataEndPeriod.asked(parameters) ? nil : try await Self.lastFeedbackDay(analytics, scope: context.accessScope.locationCodes)
        let dataEnd = DataEndPeriod.applyInclusive(&parameters, last: last, today: today, text: text)
        var filters: DashboardFilters
        do throws(DashboardFilters.Problem) {
            filters = try DashboardFilters(query: parameters, timeZone: analytics.timeZone)
            filters.scopeLocations = context.accessScope.locationCodes
            if let code = filters.segment, !builder.segments.contains(where: { $0.code == code }) { throw .unknownSegment(code) }
        } catch {
            // A bad period keeps the form as entered and says what is wrong, in the page's language.
            let page = builder.formOnly(parameters, problem: error)
            return pages.render("dashboard", page: page, title: page.heading, request: request, context: context, status: .unprocessableContent)
        }
        if let location = filters.location, !context.accessScope.allows(location: location) {
            throw OtklikError(.notFound, "no location '\(location)'", field: "location")
        }
        if let code = filters.segment {
            // The segment's members' records, within the reader's locations; no target, case or survey alert is a segment's.
            let slice = try await slicer.slice(code: code, scope: filters.scopeLocations)
            builder.slice = slice
            builder.targets = []
            guard slice.shown else {
                let page = builder.withheld(filters, slice: slice)
                return pages.render("dashboard", page: page, title: page.heading, request: request, context: context)
            }
            filters.segmentCustomers = slice.customers
            let page = try await builder.build(filters)
            return pages.render("dashboard", page: page, title: page.heading, request: request, context: context)
        }
        var page = try await builder.build(filters)
        page.dataEnd = dataEnd
        let themes = Dictionary(try await reasons.reasons().map { ($0.code, $0.label(language)) }, uniquingKeysWith: { first, _ in first })
        page.actions = try await ActionAlertFinder(cases: cases, problems: problems, names: names, themes: themes, text: text)
            .find(filters, kpis: page.kpis, timeZone: analytics.timeZone)
        page.actions += try await responseRateAlerts(filters, targets: allTargets, names: names, language: language, text: text)
        if !page.actions.isEmpty { page.hasAlerts = true }
        return pages.render("dashboard", page: page, title: page.heading, request: request, context: context)
    }

    /// The last day with feedback (at a scoped user's locations) over the three years to today; nil when there is none.
    static func lastFeedbackDay(_ analytics: Analytics, scope: Set<String>?) async throws -> Int32? {
        let zone = analytics.timeZone
        let today = LocalCalendar.day(of: Date(), in: zone)
        var filters = try DashboardFilters(query: [:], timeZone: zone)
        filters.fromDay = today - 1_095
        filters.toDay = today
        filters.scopeLocations = scope
        var query = filters.query(timeZone: zone, groupBy: [.day])
        query.measures = []
        let days = try await analytics.tally(query)
        return days.groups.filter { $0.tally.count > 0 }.compactMap { $0.key.first.flatMap(LocalCalendar.day(parsing:)) }.max()
    }

    /// "Response rate below target": each open measurement survey whose RR1 over the invitations made in the dashboard's
    /// period (at its location, within the reader's scope) has a 95 % Wilson upper bound below the `response_rate` target
    /// in force on the period's last day — every survey's invitations counted by one aggregate query
    /// (``ResponseRatesInPeriod``, the monthly report's).
    func responseRateAlerts(
        _ filters: DashboardFilters, targets: [KPITarget], names: ReferenceNames, language: String, text: [String: String]
    ) async throws -> [ActionAlert] {
        guard targets.contains(where: { $0.metric == .responseRate }) else { return [] }
        let rate = ResponseRateTarget(targets: targets, names: names, text: text)
        let filter = try InvitationFilter(
            query: ResponseRatesInPeriod.parameters(fromDay: filters.fromDay, toDay: filters.toDay, zone: analytics.timeZone, location: filters.location))
        // The survey's page over the same invitations: its dates are the organisation's days, `to` the last included.
        var period = ["from": LocalCalendar.label(day: filters.fromDay), "to": LocalCalendar.label(day: filters.toDay)]
        if let location = filters.location { period["location"] = location }
        let link = "?" + period.sorted { $0.key < $1.key }.map { "\($0.key)=\(ActionAlertFinder.encoded($0.value))" }.joined(separator: "&")
        var alerts: [ActionAlert] = []
        for row in try await ResponseRatesInPeriod(surveys: surveys, rate: rate).rows(filter, scope: filters.scopeLocations, day: filters.toDay) {
            guard let outcome = row.outcome, let alert = rate.alert(row.survey, row.outcomes, outcome, language: language, period: link),
                try await surveys.closedAt(survey: row.survey.code) == nil
            else { continue }
            alerts.append(alert)
        }
        return alerts
    }
}
