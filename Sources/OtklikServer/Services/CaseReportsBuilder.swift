import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// Builds `/case-reports` (``CaseReportsPage``) with the metrics API's own case reports (``CaseReports``) over the
/// parameters each figure's `api` link shows.
struct CaseReportsBuilder {
    let reports: CaseReports
    let names: ReferenceNames
    let timeZone: TimeZone
    let minimumN: Int
    let text: [String: String]
    /// KPI targets; a case target (``TargetMetric/caseMetric``) is shown on its card.
    var targets: [KPITarget] = []

    static let metrics: [(CaseMetric, KPIFigureFormat.Unit)] = [
        (.slaAttainment, .percent), (.firstResponseAttainment, .percent), (.firstResponseHours, .hours), (.resolutionHours, .hours),
        (.reopenRate, .percent), (.recoveryRate, .percent), (.backlog, .count), (.backlogAgeHours, .hours),
    ]
    /// The slices of the tables: the staff member the case is about, the owner's team, the location, the month opened.
    static let slices: [(dimension: String, captionKey: String, labelKey: String)] = [
        ("staff", "kpi_by_staff", "staff"), ("team", "kpi_by_team", "kpi_team"), ("location", "kpi_by_location", "location"),
        ("month", "kpi_by_month", "kpi_month"),
    ]

    var format: KPIFigureFormat { KPIFigureFormat(text: text) }

    func build(_ query: KPIPageQuery) async throws -> CaseReportsPage {
        var page = CaseReportsPage(heading: text["kpi_case_reports"] ?? "Case reports", form: form(query))
        var columns: [String: [KPIBreakdownBuilder.Column]] = [:]
        var filters = query.filters
        filters.scopeLocations = query.scope
        let rowTargets = BreakdownTargets(
            judgement: TargetJudgement(targets: targets), names: names, format: format, view: TargetCard.view(filters, names: names), scope: query.scope)
        for (metric, unit) in Self.metrics {
            let parameters = query.apiParameters(["metric": metric.rawValue], keeping: ["location"])
            let report = try await reports.report(metric, parameters: parameters, minimumN: minimumN)
            let described = format.described(metric.rawValue, name: report.name, definition: report.definition)
            var figure = format.figure(
                id: metric.rawValue, report, unit, name: described.name, definition: described.definition, api: KPIPageQuery.apiLink(parameters))
            figure.target = try await target(metric, report.overall, unit, parameters, query)
            page.figures.append(figure)
            guard metric != .backlogAgeHours else { continue }
            for slice in Self.slices {
                let byParameters = parameters.merging(["by": slice.dimension]) { $1 }
                let grouped = try await reports.report(metric, parameters: byParameters, minimumN: minimumN)
                let cells = try await rowTargets.column(
                    TargetMetric(metric), grouped, dimension: slice.dimension, unit: unit, parameters: byParameters,
                    report: { try await reports.report(metric, parameters: $0, minimumN: minimumN) })
                columns[slice.dimension, default: []].append(.init(name: described.name, report: grouped, unit: unit, targets: cells))
            }
        }
        let builder = KPIBreakdownBuilder(format: format)
        page.tables = Self.slices.map { slice in
            builder.table(
                id: "by-\(slice.dimension)", caption: text[slice.captionKey] ?? slice.dimension, dimension: slice.dimension,
                label: text[slice.labelKey] ?? slice.dimension, columns: columns[slice.dimension] ?? [],
                order: slice.dimension == "staff" ? names.codes(.staff) : slice.dimension == "location" ? names.codes(.location) : [],
                basis: rowTargets.basis(slice.dimension), countsKeepRows: slice.dimension != "staff", name: { code in
                    switch slice.dimension {
                    case "staff": names.name(.staff, code, text: text)
                    case "location": names.name(.location, code, text: text)
                    default: code
                    }
                })
        }
        // Backlog ageing: the open cases and their age by band of time since opening.
        var ageing: [KPIBreakdownBuilder.Column] = []
        for metric in [CaseMetric.backlog, .backlogAgeHours] {
            let parameters = query.apiParameters(["metric": metric.rawValue, "by": "age"], keeping: ["location"])
            let described = format.described(metric.rawValue, name: metric.name, definition: metric.definition)
            ageing.append(.init(
                name: described.name, report: try await reports.report(metric, parameters: parameters, minimumN: minimumN),
                unit: metric == .backlog ? .count : .hours))
        }
        page.tables.append(builder.table(
            id: "backlog-ageing", caption: text["kpi_backlog_ageing"] ?? "Backlog ageing", dimension: "age", label: text["kpi_age"] ?? "Age",
            columns: ageing, order: ["0-1d", "1-3d", "3-7d", "7d+"], name: { text["kpi_age_\($0)"] ?? $0 }))
        page.hasData = page.figures.contains { $0.n > 0 }
        page.tables = query.withCSV(page.tables, path: "/case-reports")
        page.minimumNote = (text["minimum_n"] ?? "").replacingOccurrences(of: "{n}", with: String(minimumN))
        return page
    }

    /// The card's target (``TargetJudgement``) for what the figure covers — the chosen location (its region's, then the
    /// organisation's when it has none), else the organisation; for a scoped user only their location's or region's
    /// (``TargetCard/view(_:names:)``) — in force on the period's last day.
    func target(
        _ metric: CaseMetric, _ value: MetricValue, _ unit: KPIFigureFormat.Unit, _ parameters: [String: String], _ query: KPIPageQuery
    ) async throws -> TargetNote? {
        var filters = query.filters
        filters.scopeLocations = query.scope
        let outcome = try await TargetJudgement(targets: targets).judge(
            TargetMetric(metric), view: TargetCard.view(filters, names: names), value: value, parameters: parameters,
            report: { try await reports.report(metric, parameters: $0, minimumN: minimumN) })
        return outcome.map { format.targetNote($0, unit: unit, names: names) }
    }

    func form(_ query: KPIPageQuery) -> PeriodForm {
        var form = PeriodForm(action: "/case-reports", from: query.formFrom, to: query.formTo)
        form.presets = query.presets("/case-reports", text: text, today: LocalCalendar.day(of: Date(), in: timeZone))
        form.dataEnd = query.dataEnd
        let chosen = query.parameters["location"] ?? ""
        form.selects = [
            PeriodForm.Select(
                name: "location", label: text["location"] ?? "Location",
                options: names.codes(.location).filter { query.scope?.contains($0) ?? true }.map { SelectOption(code: $0, label: names.name(.location, $0, text: text), selected: $0 == chosen) },
                allLabel: query.scope == nil ? nil : text["all_of_mine"])
        ]
        return form
    }
}
