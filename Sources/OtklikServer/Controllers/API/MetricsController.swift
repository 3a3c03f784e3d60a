import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `GET /api/v1/metrics?metric=nps&by=location,week&from=…&to=…&location=L01,L02&channel=…`
struct MetricsController {
    let analytics: Analytics
    let minimumN: Int
    let caseReports: CaseReports
    /// The case KPIs' targets (`target` in their report) and the regions of locations they are chosen by.
    let targets: any TargetRepository
    let reference: any ReferenceRepository

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let requested = Self.locations(parameters)
        // A scoped caller's figures are for their locations only: the scope becomes the query's location filter.
        // The catalogue's share of services available online is of the organisation's services (reference data, which
        // every reader reads whole), not of any location's requests: it takes no location, scoped or not.
        let catalogue = parameters["metric"] == PublicServiceKPI.Kind.servicesOnlineShare.rawValue
        if !context.accessScope.isOrganisation, !catalogue {
            if let name = parameters["metric"], AgentMetric.Kind(rawValue: name) != nil {
                throw OtklikError.invalid(
                    "metric", "\(name) comes from the agent-state log, which records no location: it is the organisation's figure and is not "
                        + "given to a caller limited to some locations; ask a CX director or an administrator, or use a key over the whole organisation")
            }
            parameters["location"] = try context.scopedLocations(requested).sorted().joined(separator: ",")
        }
        if let name = parameters["metric"], CallMetric.Kind(rawValue: name) != nil {
            let query = try CallMetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
            return JSONResponse.make(.ok, try await analytics.report(query, minimumN: minimumN))
        }
        if let name = parameters["metric"], let metric = CaseMetric(rawValue: name) {
            var report = try await caseReports.report(metric, parameters: parameters, minimumN: minimumN)
            report.target = try await caseTarget(metric, report, parameters: parameters, requested: requested, scope: context.accessScope.locationCodes)
            return JSONResponse.make(.ok, report)
        }
        if let name = parameters["metric"], PublicServiceQueryParser.handles(name) {
            let query = try PublicServiceQueryParser(timeZone: analytics.timeZone).parse(parameters)
            return JSONResponse.make(.ok, try await analytics.report(query, minimumN: minimumN))
        }
        let query = try MetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
        let report = try await analytics.report(query.metric, query.query, minimumN: query.minimumN ?? minimumN)
        return JSONResponse.make(.ok, report)
    }

    /// The case KPI's target and its verdict (``TargetJudgement``) for what the figure covers: the one location asked
    /// for, a scoped caller's own location or region (never the organisation's), else the organisation's; in force on
    /// the period's last day (the day before `to`, today when `to` is not given).
    func caseTarget(
        _ metric: CaseMetric, _ report: MetricReport, parameters: [String: String], requested: Set<String>, scope: Set<String>?
    ) async throws -> ReportedTarget? {
        guard let wanted = TargetMetric(metric) else { return nil }
        let all = try await targets.targets()
        guard all.contains(where: { $0.metric == wanted }) else { return nil }
        let timeZone = analytics.timeZone
        let end = try ProcessQuery(parameters: parameters.filter { $0.key != "by" }, timeZone: timeZone).to
        let lastDay = LocalCalendar.day(of: end.map { $0.addingTimeInterval(-0.001) } ?? Date(), in: timeZone)
        let view = try TargetJudgement.view(
            locations: scope.map { requested.isEmpty ? $0 : requested.intersection($0) } ?? requested, scope: scope, lastDay: lastDay,
            names: try await ReferenceNames.load(reference))
        let outcome = try await TargetJudgement(targets: all).judge(
            wanted, view: view, value: report.overall, parameters: parameters,
            report: { try await caseReports.report(metric, parameters: $0, minimumN: minimumN) })
        return outcome.map { ReportedTarget($0.target, $0.attainment) }
    }

    static func locations(_ parameters: [String: String]) -> Set<String> {
        Set((parameters["location"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
