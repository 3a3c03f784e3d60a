import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore

/// Builds the monthly report (``MonthlyReportPage``) from the parts the dashboard and the KPI pages use — the metrics
/// API's reports, ``PeriodComparison``, ``TargetCard``, ``LocationRanker``, ``NPSAlertFinder``, ``ActionAlertFinder``,
/// the dissatisfaction model and the case and call reports — so each figure is the one those pages and the API give
/// for the same month; every figure carries the API query that gives it.
struct MonthlyReportBuilder {
    let analytics: Analytics
    let names: ReferenceNames
    let targets: [KPITarget]
    let caseReports: CaseReports
    let cases: any CaseRepository
    let problems: any ProblemRepository
    /// The measurement surveys' response rates of the month (``surveyFigures(_:)``); nil leaves the section out.
    var surveys: (any SurveyRepository)? = nil
    let dissatisfaction: DissatisfactionBuilder
    /// Theme id → its name in the report's language (reasons of dissatisfaction, problems' themes).
    let themes: [String: String]
    let organisationName: String
    let minimumN: Int
    let text: [String: String]
    var now = Date()
    /// The reader's locations when limited to some (nil: the whole organisation): the form offers only them, a
    /// report is of one of them, and its targets are theirs (``TargetCard``).
    var scope: Set<String>? = nil

    static let headline: [MetricID] = [.nps, .csat, .ces, .button]
    static let trendMetrics: [MetricID] = [.nps, .csat]
    static let caseMetrics: [(CaseMetric, KPIFigureFormat.Unit)] = [
        (.slaAttainment, .percent), (.firstResponseAttainment, .percent), (.resolutionHours, .hours), (.backlog, .count), (.backlogAgeHours, .hours),
    ]
    static let callMetrics: [(CallMetric.Kind, KPIFigureFormat.Unit)] = [(.sl, .percent), (.asa, .seconds), (.abandonment, .percent), (.fcr, .percent)]
    /// How many reasons of dissatisfaction the report lists.
    static let reasonCount = 8

    var format: KPIFigureFormat { KPIFigureFormat(text: text) }
    var zone: TimeZone { analytics.timeZone }

    func t(_ key: String, _ fallback: String) -> String { text[key] ?? fallback }

    /// The month and location form alone, with what is wrong (no figures are computed).
    func form(month: String, location: String?, error: String? = nil, field: String? = nil) -> MonthlyReportPage.Form {
        MonthlyReportPage.Form(
            month: month,
            locations: (scope == nil ? [SelectOption(code: "", label: t("report_whole_organisation", "Whole organisation"), selected: location == nil)] : [])
                + names.codes(.location).filter { scope?.contains($0) ?? true }
                    .map { SelectOption(code: $0, label: names.name(.location, $0, text: text), selected: $0 == location) },
            error: error, errorField: field)
    }

    func build(_ query: MonthlyReportQuery) async throws -> MonthlyReportPage {
        if let location = query.location, !names.codes(.location).contains(location) {
            throw OtklikError.invalid("location", "no location with the code '\(location)'")
        }
        if let scope {
            // The organisation's report covers every location; another location's report is one that does not exist.
            guard let location = query.location else { throw OtklikError.invalid("location_scope", "choose one of your locations") }
            guard scope.contains(location) else { throw OtklikError(.notFound, "no location '\(location)'", field: "location") }
        }
        var filters = query.filters(timeZone: zone)
        let previous = query.previousFilters(timeZone: zone)
        filters.scopeLocations = scope
        var kpiQuery = KPIPageQuery(filters: filters, parameters: query.location.map { ["location": $0] } ?? [:])
        kpiQuery.scope = scope
        let previousLabel = LocalCalendar.label(monthIndex: query.monthIndex - 1)
        var page = MonthlyReportPage(
            heading: t("report_heading", "Monthly report") + " · " + query.month,
            scope: query.location.map { "\(t("location", "Location")): \(names.name(.location, $0, text: text))" } ?? organisationName,
            month: query.month, period: "\(LocalCalendar.label(day: query.fromDay)) – \(LocalCalendar.label(day: query.toDay))",
            previousPeriod: t("report_change_against", "Change against {month} ({from} – {to})")
                .replacingOccurrences(of: "{month}", with: previousLabel)
                .replacingOccurrences(of: "{from}", with: LocalCalendar.label(day: query.previousFromDay))
                .replacingOccurrences(of: "{to}", with: LocalCalendar.label(day: query.previousToDay)),
            generatedAt: t("report_generated", "Prepared {time}").replacingOccurrences(of: "{time}", with: Self.timeLabel(now, zone: zone)),
            query: query.queryString, form: form(month: query.month, location: query.location))
        page.minimumNote = t("minimum_n", "").replacingOccurrences(of: "{n}", with: String(minimumN))

        // Headline KPIs: the API's figure, its target and the change against the previous calendar month.
        var measured = filters.query(timeZone: zone, groupBy: [.location])
        measured.measures = TallyMeasures(Self.headline)
        var before = previous.query(timeZone: zone, groupBy: [])
        before.measures = TallyMeasures(Self.headline)
        let scans = try await analytics.tally([measured, before])
        let (byLocation, previousTally) = (scans[0], scans[1].overall)
        let comparison = PeriodComparison(text: text)
        let targetCard = TargetCard(analytics: analytics, names: names, minimumN: minimumN, text: text)
        let dashboard = DashboardBuilder(analytics: analytics, names: names, minimumN: minimumN, text: text)
        var cards: [DashboardPage.KPI] = []
        var kpiRows: [(KPIFigure, MetricValue, PeriodChangeNote?)] = []
        for metric in Self.headline {
            let parameters = kpiQuery.apiParameters(["metric": metric.rawValue], keeping: ["location"])
            let parsed = try MetricQueryParser(timeZone: zone).parse(parameters)
            let report = try await analytics.report(parsed.metric, parsed.query, minimumN: minimumN)
            guard report.overall.n > 0 else { continue }
            let described = MetricText.definition(metric, text: text)
            var figure = KPIFigure(
                id: metric.rawValue, name: described["name"] ?? report.name, definition: described["text"] ?? report.definition,
                value: Format.value(metric, report.overall.value), ci: Self.nonEmpty(Format.interval(metric, report.overall)), n: report.overall.n,
                insufficient: report.overall.insufficient || report.overall.value == nil, notes: notes(metric, report, byLocation.overall),
                hasNotes: !notes(metric, report, byLocation.overall).isEmpty,
                api: KPIPageQuery.apiLink(parameters))
            figure.target = try await targetCard.build(metric, value: report.overall, targets: targets, filters: filters)
            let change = comparison.change(metric, from: previousTally, to: byLocation.overall, minimumN: minimumN)
            page.kpis.append(MonthlyReportPage.KPI(figure: figure, change: change))
            kpiRows.append((figure, report.overall, change))
            var card = dashboard.kpi(metric, byLocation.overall)
            card.target = figure.target
            cards.append(card)
        }
        page.hasData = byLocation.overall.count > 0
        page.tables.append(kpiTable(kpiRows))

        // The 12 months that end with this one.
        let trend = try await trendTable(query, kpiQuery: kpiQuery)
        page.trends = trend.charts
        page.trendTable = trend.table
        page.tables.append(trend.table)

        // Best and worst locations (the organisation's report only).
        if query.location == nil {
            let ranker = LocationRanker(names: names, minimumN: minimumN, text: text)
            for metric in Self.trendMetrics {
                let ranking = try await ranker.rank(metric, byLocation, filters: filters) { code, value in
                    try await targetCard.row(metric, value: value, dimension: .location, code: code, targets: targets, filters: filters)
                }
                guard let ranking else { continue }
                let table = rankingTable(ranking, metric: metric, filters: filters)
                page.rankingTables.append(table)
                page.tables.append(table)
            }
            page.hasRankings = !page.rankingTables.isEmpty
        }

        // Reasons of dissatisfaction and their change against the previous month.
        let (reasons, rising) = try await reasonTable(query)
        page.reasonTable = reasons
        page.hasReasons = reasons.hasRows
        page.tables.append(reasons)

        // Cases, each against its target as on `/case-reports` (the location's, its region's, else the organisation's).
        var caseRows: [(KPIFigure, MetricValue, PeriodChangeNote?)] = []
        let caseReports = caseReports.sharingReads()
        var caseTargets = CaseReportsBuilder(reports: caseReports, names: names, timeZone: zone, minimumN: minimumN, text: text)
        caseTargets.targets = targets
        for (metric, unit) in Self.caseMetrics {
            let parameters = kpiQuery.apiParameters(["metric": metric.rawValue], keeping: ["location"])
            let report = try await caseReports.report(metric, parameters: parameters, minimumN: minimumN, now: now)
            let described = format.described(metric.rawValue, name: report.name, definition: report.definition)
            var figure = format.figure(
                id: metric.rawValue, report, unit, name: described.name, definition: described.definition, api: KPIPageQuery.apiLink(parameters))
            figure.target = try await caseTargets.target(metric, report.overall, unit, parameters, kpiQuery)
            page.cases.append(figure)
            caseRows.append((figure, report.overall, nil))
        }
        page.tables.append(figureTable("report-cases", caption: t("report_cases", "Cases"), sheet: t("report_sheet_cases", "Cases"), caseRows))

        // The contact centre (the organisation's report only: calls have no location).
        if query.location == nil, await analytics.interactionCount > 0 {
            var callRows: [(KPIFigure, MetricValue, PeriodChangeNote?)] = []
            // Each against the organisation's contact-centre target, as on `/contact-centre` with no queue chosen.
            var calls = ContactCentreBuilder(analytics: analytics, minimumN: minimumN, text: text)
            calls.targets = targets
            calls.names = names
            for (kind, unit) in Self.callMetrics {
                let parameters = kpiQuery.apiParameters(["metric": kind.rawValue, "channel": Channel.callCenter.rawValue], keeping: [])
                let (report, metric) = try await calls.call(parameters)
                let described = MetricText.definition(metric, text: text)
                let name = (described["name"] ?? report.name) + (kind == .sl ? " \(metric.serviceLevel.number)" : "")
                var figure = format.figure(
                    id: kind.rawValue, report, unit, name: name, definition: described["text"], api: KPIPageQuery.apiLink(parameters))
                figure.target = try await calls.target(kind, report.overall, unit, parameters, kpiQuery)
                page.calls.append(figure)
                callRows.append((figure, report.overall, nil))
            }
            page.hasCalls = page.calls.contains { $0.n > 0 }
            if page.hasCalls {
                page.tables.append(figureTable(
                    "report-calls", caption: t("report_calls", "Contact centre"), sheet: t("report_sheet_calls", "Contact centre"), callRows))
            }
        }

        // The measurement surveys' response rates over the month's invitations.
        let rates = try await surveyFigures(query)
        page.surveys = rates.map(\.figure)
        page.hasSurveys = !rates.isEmpty
        if page.hasSurveys {
            page.tables.append(figureTable(
                "report-surveys", caption: t("report_surveys", "Survey response rates"), sheet: t("report_sheet_surveys", "Response rates"),
                rates.map { ($0.figure, $0.value, nil) }))
        }

        page.actions = try await actions(query, filters: filters, kpis: page.kpis, cards: cards, rising: rising)
        page.overdueNote = page.actions.first { $0.kind == "overdue-cases" }?.text
        page.hasActions = !page.actions.isEmpty
        return page
    }

    // MARK: - Tables

    /// The columns of a table of figures: name, value, interval, n, target, verdict, change and p.
    func figureTable(_ id: String, caption: String, sheet: String, _ rows: [(KPIFigure, MetricValue, PeriodChangeNote?)], withChange: Bool = false) -> ReportTable {
        var columns = [
            t("report_col_figure", "Figure"), t("report_col_value", "Value"), t("report_col_low", "95 % CI low"),
            t("report_col_high", "95 % CI high"), "n", t("target", "Target"), t("report_col_verdict", "Against target"),
        ]
        if withChange { columns += [t("report_col_change", "Change"), "p", t("report_col_significance", "Significance")] }
        let tableRows = rows.map { row -> ReportTable.Row in
            let (figure, value, change) = row
            let shown = !figure.insufficient
            var cells: [ReportTable.Cell] = [
                .number(shown ? value.value : nil, shown: figure.value),
                .number(shown ? value.ciLow : nil, shown: shown ? value.ciLow.map { String(format: "%.2f", $0) } ?? "" : ""),
                .number(shown ? value.ciHigh : nil, shown: shown ? value.ciHigh.map { String(format: "%.2f", $0) } ?? "" : ""),
                .count(value.n), .text(figure.target?.goal ?? ""), .text(figure.target?.verdict ?? ""),
            ]
            if withChange {
                cells += [
                    .number(change?.difference, shown: change?.text ?? "—"), .number(change?.pValue, shown: change?.p ?? ""),
                    .text(change?.verdict ?? t("report_change_unknown", "too few answers to compare")),
                ]
            }
            return ReportTable.Row(head: .text(figure.name), cells: cells, sheetCells: ReportTable.Row.targetCells(figure.target?.columns))
        }
        return ReportTable(id: id, caption: caption, sheetName: sheet, columns: columns, rows: tableRows, sheetColumns: TargetColumns.header)
    }

    func kpiTable(_ rows: [(KPIFigure, MetricValue, PeriodChangeNote?)]) -> ReportTable {
        figureTable("report-kpis", caption: t("report_kpis", "Headline figures"), sheet: t("report_sheet_kpis", "Headline"), rows, withChange: true)
    }

    /// The NPS and CSAT of each of the 12 months (the charts' text equivalent) and the two charts.
    func trendTable(_ query: MonthlyReportQuery, kpiQuery: KPIPageQuery) async throws -> (table: ReportTable, charts: [MonthlyReportPage.Trend]) {
        var reports: [MetricID: MetricReport] = [:]
        var link: String?
        for metric in Self.trendMetrics {
            var parameters = kpiQuery.apiParameters(["metric": metric.rawValue, "by": "month"], keeping: ["location"])
            parameters["from"] = LocalCalendar.label(day: query.trendFromDay)
            let parsed = try MetricQueryParser(timeZone: zone).parse(parameters)
            reports[metric] = try await analytics.report(parsed.metric, parsed.query, minimumN: minimumN)
            if link == nil { link = KPIPageQuery.apiLink(parameters) }
        }
        func value(_ metric: MetricID, _ month: String) -> MetricValue? {
            reports[metric]?.groups.first { $0.label("month") == month }?.value
        }
        var charts: [MonthlyReportPage.Trend] = []
        for metric in Self.trendMetrics {
            let title = t("report_trend_\(metric.rawValue)", "\(metric.rawValue.uppercased()) by month, 12 months")
            let points = query.trendMonths.map { month -> TrendChart.Point in
                let figure = value(metric, month)
                let shown = figure.map { !$0.insufficient } ?? false
                return TrendChart.Point(label: month, value: shown ? figure?.value : nil, low: shown ? figure?.ciLow : nil, high: shown ? figure?.ciHigh : nil)
            }
            charts.append(MonthlyReportPage.Trend(title: title, chart: TrendChart(title: title, points: points, scale: MetricDefinition.of(metric).scale).render()))
        }
        var columns = [t("report_month", "Month")]
        for metric in Self.trendMetrics {
            let name = MetricText.definition(metric, text: text)["name"] ?? metric.rawValue
            columns += [name, "\(name): \(t("report_col_low", "95 % CI low"))", "\(name): \(t("report_col_high", "95 % CI high"))", "\(name): n"]
        }
        let rows = query.trendMonths.map { month -> ReportTable.Row in
            var cells: [ReportTable.Cell] = []
            for metric in Self.trendMetrics {
                let figure = value(metric, month) ?? MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true)
                let shown = !figure.insufficient && figure.value != nil
                cells += [
                    .number(shown ? figure.value : nil, shown: shown ? Format.value(metric, figure.value) : (figure.n > 0 ? t("insufficient", "—") : "—")),
                    .number(shown ? figure.ciLow : nil, shown: shown ? figure.ciLow.map { String(format: "%.1f", $0) } ?? "" : ""),
                    .number(shown ? figure.ciHigh : nil, shown: shown ? figure.ciHigh.map { String(format: "%.1f", $0) } ?? "" : ""),
                    .count(figure.n),
                ]
            }
            return ReportTable.Row(head: .month(month), cells: cells)
        }
        return (
            ReportTable(
                id: "report-trend", caption: t("report_trend_table", "NPS and CSAT by month (the charts' figures)"),
                sheetName: t("report_sheet_trend", "Trend"), columns: columns, rows: rows, api: link),
            charts
        )
    }

    /// The best and worst locations by a KPI, as ``LocationRanker`` ranks them, with their raw figures and, when a
    /// location has a target, each location's target and verdict in one column ("82.0 %: not decided yet", as on the
    /// dashboard's ranked lists); the XLSX sheet always ends with `target`, `target_kind`, `target_verdict`.
    func rankingTable(_ ranking: LocationRanking, metric: MetricID, filters: DashboardFilters) -> ReportTable {
        let judged = ranking.targetBasis != nil
        func rows(_ list: [LocationRanking.Row], _ label: String) -> [ReportTable.Row] {
            list.map { row in
                let value = row.figure
                var cells: [ReportTable.Cell] = [
                    .text(label), .count(row.rank), .number(value.value, shown: row.value),
                    .number(value.ciLow, shown: value.ciLow.map { String(format: "%.1f", $0) } ?? ""),
                    .number(value.ciHigh, shown: value.ciHigh.map { String(format: "%.1f", $0) } ?? ""), .count(row.n),
                ]
                if judged { cells.append(.text(row.target.map { $0.goal + ($0.verdict.map { ": " + $0 } ?? "") } ?? "")) }
                return ReportTable.Row(head: .text(row.name), cells: cells, sheetCells: ReportTable.Row.targetCells(row.target?.columns))
            }
        }
        let name = MetricText.definition(metric, text: text)["name"] ?? metric.rawValue
        var table = ReportTable(
            id: "report-ranking-\(metric.rawValue)",
            caption: ranking.title + (ranking.note.map { ". " + $0 } ?? ""),
            sheetName: t("report_sheet_ranking", "Locations") + " " + name,
            columns: [
                t("location", "Location"), t("report_col_group", "Group"), t("report_col_rank", "Rank"), name,
                t("report_col_low", "95 % CI low"), t("report_col_high", "95 % CI high"), "n",
            ] + (judged ? [t("target", "Target")] : []),
            rows: rows(ranking.best, t("report_best", "best")) + rows(ranking.worst, t("report_worst", "worst")),
            api: KPIPageQuery.apiLink(KPIPageQuery(filters: filters, parameters: [:]).apiParameters(["metric": metric.rawValue, "by": "location"], keeping: [])),
            sheetColumns: TargetColumns.header)
        table.targetBasis = ranking.targetBasis
        return table
    }

    /// The reasons most often named in the month's negative comments, their share and its change against the previous
    /// month (two proportions, two-sided z test); and the reasons whose share rose significantly.
    func reasonTable(_ query: MonthlyReportQuery) async throws -> (ReportTable, [(name: String, change: String)]) {
        func group(_ from: Int32, _ to: Int32) async throws -> DissatisfactionModel.Group? {
            let parameters = ["from": LocalCalendar.label(day: from), "to": LocalCalendar.label(day: to), "by": "location"]
            // Grouped by location and read for the report's one location (a scoped reader always has one of theirs).
            let period = try DissatisfactionBuilder.Query(query: parameters, timeZone: zone)
            let report = try await dissatisfaction.build(period, scope: .organisation).report
            guard let location = query.location else { return report.overall }
            return report.groups.first { $0.key == location }
        }
        let now = try await group(query.fromDay, query.toDay), before = try await group(query.previousFromDay, query.previousToDay)
        var rising: [(name: String, change: String)] = []
        let shares = (now?.reasons ?? []).filter { $0.count > 0 }.sorted { ($0.count, $1.reason) > ($1.count, $0.reason) }.prefix(Self.reasonCount)
        let rows = shares.map { share -> ReportTable.Row in
            let previous = before?.reason(share.reason)
            let name = themes[share.reason] ?? share.reason
            var change: PeriodChange?
            if let now, let before, share.share != nil, previous?.share != nil {
                change = PeriodChange.proportions(first: (previous?.count ?? 0, before.n), second: (share.count, now.n))
            }
            let significant = change.map { $0.p < 0.05 } ?? false
            let changeText = change.map { String(format: "%+.1f %@", 100 * $0.difference, t("unit_pp", "pp")) } ?? "—"
            if significant, let change, change.difference > 0 { rising.append((name: name, change: changeText)) }
            return ReportTable.Row(head: .text(name), cells: [
                .count(share.count), .number(share.share, shown: share.share.map { String(format: "%.1f %%", $0) } ?? t("insufficient", "—")),
                .number(share.interval?.low, shown: share.interval.map { String(format: "%.1f", $0.low) } ?? ""),
                .number(share.interval?.high, shown: share.interval.map { String(format: "%.1f", $0.high) } ?? ""),
                .number(previous?.share, shown: previous?.share.map { String(format: "%.1f %%", $0) } ?? "—"),
                .number(change.map { 100 * $0.difference }, shown: changeText),
                .number(change?.p, shown: change.map { $0.p < 0.001 ? "< 0.001" : String(format: "%.3f", $0.p) } ?? ""),
                .text(change == nil ? t("report_change_unknown", "too few answers to compare")
                    : significant ? t("change_significant", "significant") : t("change_not_significant", "not significant")),
            ])
        }
        var parameters = ["from": LocalCalendar.label(day: query.fromDay), "to": LocalCalendar.label(day: query.toDay), "by": "location"]
        parameters["lang"] = nil
        var components = URLComponents()
        components.path = "/api/v1/dissatisfaction"
        components.queryItems = parameters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let caption = t("report_reasons_caption", "Reasons in negative comments: {n} negative comments this month, {previous} the month before")
            .replacingOccurrences(of: "{n}", with: String(now?.n ?? 0)).replacingOccurrences(of: "{previous}", with: String(before?.n ?? 0))
        return (
            ReportTable(
                id: "report-reasons", caption: caption, sheetName: t("report_sheet_reasons", "Reasons"),
                columns: [
                    t("report_col_reason", "Reason"), t("report_col_mentions", "Mentions"), t("report_col_share", "Share"),
                    t("report_col_low", "95 % CI low"), t("report_col_high", "95 % CI high"), t("report_col_previous_share", "Share the month before"),
                    t("report_col_change", "Change"), "p", t("report_col_significance", "Significance"),
                ],
                rows: Array(rows), api: components.string),
            rising
        )
    }

    // MARK: - What to do next

    func actions(
        _ query: MonthlyReportQuery, filters: DashboardFilters, kpis: [MonthlyReportPage.KPI], cards: [DashboardPage.KPI],
        rising: [(name: String, change: String)]
    ) async throws -> [MonthlyReportPage.Action] {
        var actions: [MonthlyReportPage.Action] = []
        let dashboardLink = filters.link
        for kpi in kpis {
            guard let change = kpi.change, change.significant, change.direction == "down" else { continue }
            actions.append(MonthlyReportPage.Action(
                kind: "decline",
                text: t("report_action_decline", "{metric} fell: {change} against the previous month ({p}); find where on the dashboard.")
                    .replacingOccurrences(of: "{metric}", with: kpi.figure.name).replacingOccurrences(of: "{change}", with: change.text)
                    .replacingOccurrences(of: "{p}", with: change.p),
                link: dashboardLink, linkText: t("report_action_dashboard", "Open the month on the dashboard")))
        }
        let found = try await ActionAlertFinder(cases: cases, problems: problems, names: names, themes: themes, text: text)
            .find(filters, kpis: cards, timeZone: zone, now: now)
        actions += found.filter { $0.kind == "below-target" }.map { MonthlyReportPage.Action(kind: $0.kind, text: $0.text, link: $0.link, linkText: $0.linkText) }
        for alert in try await NPSAlertFinder(analytics: analytics).find(filters).prefix(5) {
            actions.append(MonthlyReportPage.Action(
                kind: "nps-step",
                text: t("alert_nps_step", "NPS fell from {before} to {after} since {since} (n = {n}); alarm on {day}")
                    .replacingOccurrences(of: "{before}", with: String(format: "%.1f", alert.baselineNPS))
                    .replacingOccurrences(of: "{after}", with: String(format: "%.1f", alert.recentNPS))
                    .replacingOccurrences(of: "{since}", with: LocalCalendar.label(day: alert.since))
                    .replacingOccurrences(of: "{n}", with: String(alert.recentN))
                    .replacingOccurrences(of: "{day}", with: LocalCalendar.label(day: alert.day))
                    + " — " + names.name(.location, alert.location, text: text),
                link: filters.link(setting: "location", to: alert.location), linkText: t("report_action_location", "Open this location's month")))
        }
        for reason in rising {
            actions.append(MonthlyReportPage.Action(
                kind: "reason-up",
                text: t("report_action_reason", "“{reason}” is named in more negative comments than the month before ({change}, significant).")
                    .replacingOccurrences(of: "{reason}", with: reason.name).replacingOccurrences(of: "{change}", with: reason.change),
                link: "/dissatisfaction?from=\(LocalCalendar.label(day: query.fromDay))&to=\(LocalCalendar.label(day: query.toDay))",
                linkText: t("report_action_reasons", "Read the comments' reasons")))
        }
        actions += found.filter { $0.kind != "below-target" }.map { MonthlyReportPage.Action(kind: $0.kind, text: $0.text, link: $0.link, linkText: $0.linkText) }
        return actions
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// A figure's notes in the report's language: NPS states its response rate (answers of all the month's records,
    /// as the metrics API's note does in English); other figures keep the engine's notes.
    func notes(_ metric: MetricID, _ report: MetricReport, _ overall: Tally) -> [String] {
        guard metric == .nps, overall.count > 0 else { return report.notes.map(format.note) }
        return [t("report_nps_response", "NPS response rate {rate} % ({n} answers of {count} records)")
            .replacingOccurrences(of: "{rate}", with: String(format: "%.1f", 100 * Double(overall.npsN) / Double(overall.count)))
            .replacingOccurrences(of: "{n}", with: String(overall.npsN)).replacingOccurrences(of: "{count}", with: String(overall.count))]
    }

    /// `2026-12-03 14:05` in the organisation's time zone.
    static func timeLabel(_ date: Date, zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
