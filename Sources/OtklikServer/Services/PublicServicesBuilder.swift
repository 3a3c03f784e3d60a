import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Builds `/public-services` (``PublicServicesPage``) from the metrics API's own parser and reports
/// (``PublicServiceQueryParser``); the calendar note reads the stored working-day exceptions.
struct PublicServicesBuilder {
    let analytics: Analytics
    let process: any ProcessRepository
    let names: ReferenceNames
    let minimumN: Int
    let text: [String: String]
    /// KPI targets; a public-service target (``TargetMetric/publicService``) is shown on its card.
    var targets: [KPITarget] = []

    static let passed = ["service", "location", "region"]
    static let kpis: [(PublicServiceKPI.Kind, KPIFigureFormat.Unit)] = [
        (.completion, .percent), (.onlineShare, .percent), (.phoneAnswered, .percent), (.emailAnswered, .percent),
        (.contactsPerRequest, .ratio), (.costPerService, .money), (.platformUsers, .count), (.servicesOnlineShare, .percent),
    ]
    /// The KPIs the tables by service and location show (the catalogue's share has no period and no location).
    static let tableKPIs: [PublicServiceKPI.Kind] = [.completion, .onlineShare, .phoneAnswered, .emailAnswered, .contactsPerRequest, .costPerService]

    var format: KPIFigureFormat { KPIFigureFormat(text: text) }

    func build(_ query: KPIPageQuery) async throws -> PublicServicesPage {
        var page = PublicServicesPage(heading: text["kpi_public_services"] ?? "Public services", form: form(query))
        var byService: [KPIBreakdownBuilder.Column] = [], byLocation: [KPIBreakdownBuilder.Column] = []
        var filters = query.filters
        filters.scopeLocations = query.scope
        let rowTargets = BreakdownTargets(
            judgement: TargetJudgement(targets: targets), names: names, format: format, view: TargetCard.view(filters, names: names), scope: query.scope)
        for (kind, unit) in Self.kpis {
            var parameters = query.apiParameters(["metric": kind.rawValue], keeping: kind == .servicesOnlineShare ? [] : Self.passed)
            // The catalogue's share is of the organisation's services (reference data every reader sees), not of a
            // location's requests: no location, even for a scoped user.
            if kind == .servicesOnlineShare { parameters["location"] = nil }
            let report = try await report(parameters)
            let described = format.described(kind.rawValue, name: report.name, definition: report.definition)
            var figure = format.figure(id: kind.rawValue, report, unit, name: described.name, definition: described.definition, api: KPIPageQuery.apiLink(parameters))
            figure = KPIFigure(
                id: figure.id, name: figure.name, definition: figure.definition, value: figure.value, ci: figure.ci, n: figure.n,
                insufficient: figure.insufficient, notes: report.notes.map(format.note), hasNotes: figure.hasNotes, api: figure.api,
                target: try await target(kind, report.overall, unit, parameters, query))
            page.figures.append(figure)
            guard Self.tableKPIs.contains(kind) else { continue }
            for dimension in ["service", "location"] {
                let byParameters = parameters.merging(["by": dimension]) { $1 }
                let grouped = try await self.report(byParameters)
                let cells = try await rowTargets.column(
                    TargetMetric(kind), grouped, dimension: dimension, unit: unit, parameters: byParameters, report: self.report)
                let column = KPIBreakdownBuilder.Column(name: described.name, report: grouped, unit: unit, targets: cells)
                if dimension == "service" { byService.append(column) } else { byLocation.append(column) }
            }
        }
        let builder = KPIBreakdownBuilder(format: format)
        page.tables = [
            builder.table(
                id: "by-service", caption: text["kpi_by_service"] ?? "By service", dimension: "service", label: text["service"] ?? "Service",
                columns: byService, order: names.codes(.service), basis: rowTargets.basis("service"), name: { names.name(.service, $0, text: text) }),
            builder.table(
                id: "by-location", caption: text["kpi_by_location"] ?? "By location", dimension: "location", label: text["location"] ?? "Location",
                columns: byLocation, order: names.codes(.location), basis: rowTargets.basis("location"), name: { names.name(.location, $0, text: text) }),
        ]
        page.calendar = try await calendar(query)
        page.hasData = page.figures.contains { $0.n > 0 && $0.id != PublicServiceKPI.Kind.servicesOnlineShare.rawValue }
        page.tables = query.withCSV(page.tables, path: "/public-services")
        page.minimumNote = (text["minimum_n"] ?? "").replacingOccurrences(of: "{n}", with: String(minimumN))
        return page
    }

    /// The card's target (``TargetJudgement``) for what the figure covers — the chosen service, location or region, else
    /// the organisation; for a scoped user only a target of exactly their part (``TargetCard/view(_:names:)``) — in
    /// force on the period's last day; a relative target compares with the same query over its baseline period.
    func target(
        _ kind: PublicServiceKPI.Kind, _ value: MetricValue, _ unit: KPIFigureFormat.Unit, _ parameters: [String: String], _ query: KPIPageQuery
    ) async throws -> TargetNote? {
        var filters = query.filters
        filters.scopeLocations = query.scope
        let outcome = try await TargetJudgement(targets: targets).judge(
            TargetMetric(kind), view: TargetCard.view(filters, names: names), value: value, parameters: parameters, report: report)
        return outcome.map { format.targetNote($0, unit: unit, names: names) }
    }

    func report(_ parameters: [String: String]) async throws -> MetricReport {
        try await analytics.report(try PublicServiceQueryParser(timeZone: analytics.timeZone).parse(parameters), minimumN: minimumN)
    }

    /// The working days of the period: Monday to Friday, minus the stored holidays, plus the weekend days worked.
    func calendar(_ query: KPIPageQuery) async throws -> PublicServicesPage.CalendarNote {
        let stored = try await process.calendarDays()
        let calendar = WorkingCalendar(stored)
        let from = query.filters.fromDay, to = query.filters.toDay
        let working = (from...to).filter(calendar.isWorking).count
        let inPeriod = stored.filter { day in LocalCalendar.day(parsing: day.date).map { (from...to).contains($0) } ?? false }
            .sorted { $0.date < $1.date }
        let summary = (text["kpi_calendar_summary"] ?? "{working} working days of {days}: Monday to Friday, {holidays} holidays off, {worked} weekend days worked; {stored} exceptions stored in all.")
            .replacingOccurrences(of: "{working}", with: String(working)).replacingOccurrences(of: "{days}", with: String(query.filters.days))
            .replacingOccurrences(of: "{holidays}", with: String(inPeriod.filter { !$0.working }.count))
            .replacingOccurrences(of: "{worked}", with: String(inPeriod.filter(\.working).count))
            .replacingOccurrences(of: "{stored}", with: String(stored.count))
        let days = inPeriod.prefix(60).map {
            PublicServicesPage.CalendarNote.Day(
                date: $0.date, kind: $0.working ? text["kpi_calendar_worked"] ?? "worked" : text["kpi_calendar_holiday"] ?? "holiday", name: $0.name)
        }
        return PublicServicesPage.CalendarNote(summary: summary, days: days, hasDays: !days.isEmpty)
    }

    func form(_ query: KPIPageQuery) -> PeriodForm {
        var form = PeriodForm(action: "/public-services", from: query.formFrom, to: query.formTo)
        form.presets = query.presets("/public-services", text: text, today: LocalCalendar.day(of: Date(), in: analytics.timeZone))
        form.dataEnd = query.dataEnd
        // A scoped user chooses among their own locations; regions would only narrow those further, so none is offered.
        let dimensions: [(GroupDimension, String)] = query.scope == nil ? [(.region, "region"), (.location, "location"), (.service, "service")] : [(.location, "location"), (.service, "service")]
        form.selects = dimensions.map { dimension, key in
            let chosen = query.parameters[key] ?? ""
            return PeriodForm.Select(
                name: key, label: text[key] ?? key,
                options: names.codes(dimension).filter { dimension != .location || (query.scope?.contains($0) ?? true) }
                    .map { SelectOption(code: $0, label: names.name(dimension, $0, text: text), selected: $0 == chosen) },
                allLabel: dimension == .location && query.scope != nil ? text["all_of_mine"] : nil)
        }
        return form
    }
}
