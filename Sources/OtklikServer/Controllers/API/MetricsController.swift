import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `GET /api/v1/metrics?metric=nps&by=location,week&from=…&to=…&location=L01,L02&channel=…&segment=CODE`
struct MetricsController {
    let analytics: Analytics
    let minimumN: Int
    let caseReports: CaseReports
    /// The case KPIs' targets (`target` in their report) and the regions of locations they are chosen by.
    let targets: any TargetRepository
    let reference: any ReferenceRepository
    /// `segment=CODE` and `by=segment` (``SegmentMetrics``).
    let segments: SegmentMetrics

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
        let scope = context.accessScope.locationCodes
        if SegmentMetrics.asks(parameters) {
            // A segment is a slice of the feedback records (their customers); contacts, cases and requests are not sliced by it yet.
            if let name = parameters["metric"], MetricID(rawValue: name) == nil,
                CallMetric.Kind(rawValue: name) != nil || AgentMetric.Kind(rawValue: name) != nil || CaseMetric(rawValue: name) != nil
                    || PublicServiceQueryParser.handles(name)
            {
                throw OtklikError.invalid("segment", "a segment slices the feedback metrics (\(MetricCatalogue.allNames.filter { MetricID(rawValue: $0) != nil }.joined(separator: ", "))); \(name) is not one")
            }
            // No target is judged: a target is the organisation's, a location's or a service's, not a segment's.
            return JSONResponse.make(.ok, try await segments.report(parameters, scope: scope, minimumN: minimumN))
        }
        if let name = parameters["metric"], let kind = CallMetric.Kind(rawValue: name) {
            let run: @Sendable ([String: String]) async throws -> MetricReport = { [analytics, minimumN] in
                try await analytics.report(try CallMetricQueryParser(timeZone: analytics.timeZone).parse($0), minimumN: minimumN)
            }
            return JSONResponse.make(.ok, try await judged(TargetMetric(kind), try await run(parameters), parameters, requested, scope, run))
        }
        if let name = parameters["metric"], let metric = CaseMetric(rawValue: name) {
            let run: @Sendable ([String: String]) async throws -> MetricReport = { [caseReports, minimumN] in
                try await caseReports.report(metric, parameters: $0, minimumN: minimumN)
            }
            return JSONResponse.make(.ok, try await judged(TargetMetric(metric), try await run(parameters), parameters, requested, scope, run))
        }
        if let name = parameters["metric"], PublicServiceQueryParser.handles(name) {
            let run: @Sendable ([String: String]) async throws -> MetricReport = { [analytics, minimumN] in
                try await analytics.report(try PublicServiceQueryParser(timeZone: analytics.timeZone).parse($0), minimumN: minimumN)
            }
            let metric = PublicServiceKPI.Kind(rawValue: name).flatMap { TargetMetric($0) }
            return JSONResponse.make(.ok, try await judged(metric, try await run(parameters), parameters, requested, scope, run))
        }
        let query = try MetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
        let run: @Sendable ([String: String]) async throws -> MetricReport = { [analytics, minimumN] in
            let query = try MetricQueryParser(timeZone: analytics.timeZone).parse($0)
            return try await analytics.report(query.metric, query.query, minimumN: query.minimumN ?? minimumN)
        }
        let report = try await analytics.report(query.metric, query.query, minimumN: query.minimumN ?? minimumN)
        return JSONResponse.make(.ok, try await judged(TargetMetric(query.metric), report, parameters, requested, scope, run))
    }

    /// The report with its target and verdict (``TargetJudgement``) for what the figure covers — the one location asked
    /// for (its region's, then the organisation's target when it has none), the one service (or queue) or region asked
    /// for, a scoped caller's own location or region (never the organisation's), else the organisation's; in force on
    /// the period's last day (the day before `to`, today when `to` is not given) — and each `by` row's against its own
    /// (``TargetJudgement/judgeRows``: the row's location, service or region, a time row's last day).
    func judged(
        _ metric: TargetMetric?, _ report: MetricReport, _ parameters: [String: String], _ requested: Set<String>, _ scope: Set<String>?,
        _ run: @Sendable ([String: String]) async throws -> MetricReport
    ) async throws -> MetricReport {
        guard let metric else { return report }
        let all = try await targets.targets()
        guard all.contains(where: { $0.metric == metric }) else { return report }
        let names = try await ReferenceNames.load(reference)
        let view = try Self.view(
            parameters, requested: requested, scope: scope, names: names, lastDay: Self.lastDay(parameters, timeZone: analytics.timeZone))
        let judgement = TargetJudgement(targets: all)
        var report = report
        report.target = try await judgement.judge(metric, view: view, value: report.overall, parameters: parameters, report: run)
            .map { ReportedTarget($0.target, $0.attainment) }
        if !report.groups.isEmpty {
            let rows = try await judgement.judgeRows(
                metric, grouped: report, view: view, scope: scope, names: names, parameters: parameters, report: run)
            for (index, outcome) in rows { report.groups[index].target = ReportedTarget(outcome.target, outcome.attainment) }
        }
        return report
    }

    /// What the figure covers (``TargetJudgement/view(locations:scope:lastDay:names:)``), with the one service (or
    /// contact-centre queue) or region an organisation-wide caller asked for.
    static func view(
        _ parameters: [String: String], requested: Set<String>, scope: Set<String>?, names: ReferenceNames, lastDay: Int32
    ) throws -> KPITarget.View {
        var view = try TargetJudgement.view(
            locations: scope.map { requested.isEmpty ? $0 : requested.intersection($0) } ?? requested, scope: scope, lastDay: lastDay, names: names)
        func single(_ key: String) -> String? {
            let values = (parameters[key] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return values.count == 1 ? values[0] : nil
        }
        let many = { (key: String) in (parameters[key] ?? "").contains(",") }
        if many("service") || many("queue") || many("region") { return KPITarget.View(lastDay: lastDay, allowed: []) }
        if let service = single("service") ?? single("queue") {
            if scope != nil { return KPITarget.View(lastDay: lastDay, allowed: []) }
            view.service = service
        }
        if let region = single("region"), scope == nil, requested.isEmpty { view.region = region }
        return view
    }

    /// The period's last day: the day before `to` (exclusive in the metrics API), today when `to` is not given.
    static func lastDay(_ parameters: [String: String], timeZone: TimeZone) -> Int32 {
        let end = (try? ProcessQuery(parameters: parameters.filter { $0.key != "by" }, timeZone: timeZone).to) ?? nil
        return LocalCalendar.day(of: end.map { $0.addingTimeInterval(-0.001) } ?? Date(), in: timeZone)
    }

    static func locations(_ parameters: [String: String]) -> Set<String> {
        Set((parameters["location"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
