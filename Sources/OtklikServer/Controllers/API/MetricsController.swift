import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// `GET /api/v1/metrics?metric=nps&by=location,week&from=…&to=…&location=L01,L02&channel=…`
struct MetricsController {
    let analytics: Analytics
    let minimumN: Int
    let caseReports: CaseReports

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("metrics", use: metrics)
    }

    @Sendable func metrics(_ request: Request, context: AppRequestContext) async throws -> Response {
        var parameters = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
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
            let requested = Set((parameters["location"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
            parameters["location"] = try context.scopedLocations(requested).sorted().joined(separator: ",")
        }
        if let name = parameters["metric"], CallMetric.Kind(rawValue: name) != nil {
            let query = try CallMetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
            return JSONResponse.make(.ok, try await analytics.report(query, minimumN: minimumN))
        }
        if let name = parameters["metric"], let metric = CaseMetric(rawValue: name) {
            return JSONResponse.make(.ok, try await caseReports.report(metric, parameters: parameters, minimumN: minimumN))
        }
        if let name = parameters["metric"], PublicServiceQueryParser.handles(name) {
            let query = try PublicServiceQueryParser(timeZone: analytics.timeZone).parse(parameters)
            return JSONResponse.make(.ok, try await analytics.report(query, minimumN: minimumN))
        }
        let query = try MetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
        let report = try await analytics.report(query.metric, query.query, minimumN: query.minimumN ?? minimumN)
        return JSONResponse.make(.ok, report)
    }
}

