import Foundation
import Hummingbird
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

/// The pages of the KPIs the metrics API gives: `/contact-centre` (with the Erlang C form), `/public-services` and
/// `/case-reports`. Each takes the dashboard's period (`from`, `to`, last 90 days by default — to the data's last day
/// when the data end before today) and its own filters;
/// `?format=csv&table=<id>` downloads one of its tables.
struct KPIPagesController {
    let analytics: Analytics
    let reference: any ReferenceRepository
    let process: any ProcessRepository
    let caseReports: CaseReports
    let targets: any TargetRepository
    let pages: PageRenderer
    let minimumN: Int

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("/contact-centre", use: contactCentre)
        group.get("/public-services", use: publicServices)
        group.get("/case-reports", use: cases)
    }

    @Sendable func contactCentre(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        var builder = ContactCentreBuilder(analytics: analytics, minimumN: minimumN, text: text)
        // The contact centre's targets are the organisation's or a queue's: none is the target of a scoped user's part.
        builder.targets = context.accessScope.isOrganisation ? try await targets.targets() : []
        builder.names = try await ReferenceNames.load(reference)
        let staffing = StaffingCalculator(text: text).form(Self.parameters(request))
        // Calls unless another channel (or "all", an empty value) is chosen: e-mails wait hours, calls seconds.
        let lastCall: LastData = { [analytics, minimumN] scope in
            await Self.lastGroupDay(parameters: ["metric": "sl"], scope: scope, timeZone: analytics.timeZone) { parameters in
                await analytics.report(try CallMetricQueryParser(timeZone: analytics.timeZone).parse(parameters), minimumN: minimumN)
            }
        }
        return try await respond(
            request, context: context, template: "contact-centre", text: text, defaults: ["channel": "call_center"], lastData: lastCall
        ) { query in
            let page = try await builder.build(query, staffing: staffing)
            // No contact recorded at a scoped user's locations: the queues serve every service point, and their
            // figures are the organisation's, which this user is not shown. Say so rather than "nothing recorded".
            if query.scope != nil, !page.hasData {
                throw OtklikError(.invalidInput, text["kpi_contact_centre_scoped"] ?? "The contact centre's queues serve every service point.", field: "scope")
            }
            return (page, page.heading, page.tables, staffing.error == nil)
        } formOnly: { query, error, field in
            var page = ContactCentrePage(heading: text["kpi_contact_centre"] ?? "", form: builder.form(query), staffing: staffing)
            page.form.error = error
            page.form.errorField = field
            page.form.scopeRefusal = field == "scope"
            return (page, page.heading)
        }
    }

    @Sendable func publicServices(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let names = try await ReferenceNames.load(reference)
        var builder = PublicServicesBuilder(analytics: analytics, process: process, names: names, minimumN: minimumN, text: text)
        builder.targets = try await targets.targets()
        let lastRequest: LastData = { [analytics, minimumN] scope in
            await Self.lastGroupDay(parameters: ["metric": PublicServiceKPI.Kind.completion.rawValue], scope: scope, timeZone: analytics.timeZone) { parameters in
                try await analytics.report(try PublicServiceQueryParser(timeZone: analytics.timeZone).parse(parameters), minimumN: minimumN)
            }
        }
        return try await respond(request, context: context, template: "public-services", text: text, lastData: lastRequest) { query in
            let page = try await builder.build(query)
            return (page, page.heading, page.tables, true)
        } formOnly: { query, error, field in
            var page = PublicServicesPage(heading: text["kpi_public_services"] ?? "", form: builder.form(query))
            page.form.error = error
            page.form.errorField = field
            return (page, page.heading)
        }
    }

    @Sendable func cases(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, text) = pages.text(for: request)
        let names = try await ReferenceNames.load(reference)
        var builder = CaseReportsBuilder(reports: caseReports.sharingReads(), names: names, timeZone: analytics.timeZone, minimumN: minimumN, text: text)
        builder.targets = try await targets.targets()
        let lastCase: LastData = { [caseReports, analytics] scope in
            try await caseReports.lastOpened(locations: scope ?? []).map { LocalCalendar.day(of: $0, in: analytics.timeZone) }
        }
        return try await respond(request, context: context, template: "case-reports", text: text, lastData: lastCase) { query in
            let page = try await builder.build(query)
            return (page, page.heading, page.tables, true)
        } formOnly: { query, error, field in
            var page = CaseReportsPage(heading: text["kpi_case_reports"] ?? "", form: builder.form(query))
            page.form.error = error
            page.form.errorField = field
            return (page, page.heading)
        }
    }

    /// The last day with data of a page's facts (for a scoped user, at their locations); nil when there is none.
    typealias LastData = @Sendable (Set<String>?) async throws -> Int32?

    /// The last day a metrics-API report grouped by day has a group with data, over the three years to today.
    static func lastGroupDay(
        parameters: [String: String], scope: Set<String>?, timeZone: TimeZone, report: ([String: String]) async throws -> MetricReport
    ) async -> Int32? {
        let today = LocalCalendar.day(of: Date(), in: timeZone)
        var asked = parameters.merging(["by": "day", "from": LocalCalendar.label(day: today - 1_095), "to": LocalCalendar.label(day: today + 1)]) { $1 }
        if let scope { asked["location"] = scope.sorted().joined(separator: ",") }
        guard let grouped = try? await report(asked) else { return nil }
        return grouped.groups.filter { $0.value.n > 0 }.compactMap { $0.label("day").flatMap(LocalCalendar.day(parsing:)) }.max()
    }

    static func parameters(_ request: Request) -> [String: String] {
        Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
    }

    /// Reads the period, builds the page (or its CSV table) and renders it; a bad period or filter keeps the form as
    /// entered and says what is wrong (422), with no figures.
    func respond<Page: Sendable>(
        _ request: Request, context: AppRequestContext, template: String, text: [String: String], defaults: [String: String] = [:],
        lastData: LastData? = nil,
        build: (KPIPageQuery) async throws -> (Page, String, [KPIBreakdown], Bool),
        formOnly: (KPIPageQuery, String, String) -> (Page, String)
    ) async throws -> Response {
        var parameters = Self.parameters(request).merging(defaults) { given, _ in given }
        let scope = context.accessScope.locationCodes
        // No period asked for and the data end before today (a demo, an import not yet refreshed): the default 90 days
        // end at the data's last day, and the page says so, rather than showing "insufficient data" on every figure.
        let today = LocalCalendar.day(of: Date(), in: analytics.timeZone)
        let last = DataEndPeriod.asked(parameters) ? nil : try await lastData?(scope)
        let dataEnd = DataEndPeriod.applyInclusive(&parameters, last: last, today: today, text: text)
        var query: KPIPageQuery
        do throws(DashboardFilters.Problem) {
            query = KPIPageQuery(filters: try DashboardFilters(query: parameters, timeZone: analytics.timeZone), parameters: parameters)
            query.scope = scope
            query.dataEnd = dataEnd
        } catch {
            var safe = parameters
            safe["from"] = nil
            safe["to"] = nil
            var fallback = KPIPageQuery(filters: try DashboardFilters(query: safe.filter { $0.key != "channel" }, timeZone: analytics.timeZone), parameters: safe)
            fallback.scope = scope
            fallback.entered = (parameters["from"] ?? fallback.fromLabel, parameters["to"] ?? fallback.toLabel)
            let field = if case .badDate(let name, _) = error { name } else { "from" }
            let (page, title) = formOnly(fallback, error.message(text), field)
            return pages.render(template, page: page, title: title, request: request, context: context, status: .unprocessableContent)
        }
        // A scoped user's location must be one of theirs: another is answered as one that does not exist.
        if let scope {
            let outside = query.requestedLocations.subtracting(scope)
            if let first = outside.sorted().first { throw OtklikError(.notFound, "no location '\(first)'", field: "location") }
        }
        do {
            let (page, title, tables, valid) = try await build(query)
            if parameters["format"] == "csv", let id = parameters["table"] {
                guard let table = tables.first(where: { $0.id == id }) else {
                    throw OtklikError(.notFound, "no table '\(id)' on this page", field: "table")
                }
                return try Self.csv(table, name: "\(template)-\(id)-\(query.fromLabel)-\(query.toLabel).csv")
            }
            return pages.render(template, page: page, title: title, request: request, context: context, status: valid ? .ok : .unprocessableContent)
        } catch let error as OtklikError where error.code == .invalidInput {
            let (page, title) = formOnly(query, Self.message(error, text: text), error.field ?? "from")
            return pages.render(template, page: page, title: title, request: request, context: context, status: .unprocessableContent)
        }
    }

    static func message(_ error: OtklikError, text: [String: String]) -> String {
        if error.field == nil || error.field == "scope" { return error.message }
        let field = error.field.map { text["kpi_\($0)"] ?? text[$0] ?? $0 } ?? ""
        return (text["kpi_error_field"] ?? "“{field}”: {message}")
            .replacingOccurrences(of: "{field}", with: field).replacingOccurrences(of: "{message}", with: error.message)
    }

    static func csv(_ table: KPIBreakdown, name: String) throws -> Response {
        let rows = KPIBreakdownBuilder.csv(table)
        let writer = try CSVRowWriter(header: rows[0])
        for row in rows.dropFirst() { try writer.write(row) }
        return Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
            body: .init(byteBuffer: ByteBuffer(string: writer.text)))
    }
}
