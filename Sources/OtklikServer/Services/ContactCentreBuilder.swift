import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// Builds `/contact-centre` (``ContactCentrePage``): every figure comes from the metrics API's own parsers and
/// reports (``CallMetricQueryParser``, ``PublicServiceQueryParser``) over the parameters its `api` link shows.
struct ContactCentreBuilder {
    let analytics: Analytics
    let minimumN: Int
    let text: [String: String]
    /// KPI targets; a contact-centre target (`sl`, `asa`, `aht`, `abandonment`, `fcr`, `transfer`) is shown on its card.
    var targets: [KPITarget] = []
    var names = ReferenceNames()

    /// The page's own parameters the API takes as they are.
    static let passed = ["queue", "channel", "threshold"]

    var format: KPIFigureFormat { KPIFigureFormat(text: text) }

    func build(_ query: KPIPageQuery, staffing: StaffingForm) async throws -> ContactCentrePage {
        var page = ContactCentrePage(heading: text["kpi_contact_centre"] ?? "Contact centre", form: form(query), staffing: staffing)
        for definition in CallMetric.ServiceLevelDefinition.allCases {
            let parameters = query.apiParameters(["metric": "sl", "definition": definition.rawValue], keeping: Self.passed)
            let (report, metric) = try await call(parameters)
            let described = MetricText.definition(metric, text: text)
            var figure = format.figure(
                id: "sl-\(definition.rawValue)", report, .percent,
                name: "\(described["name"] ?? report.name) \(definition.number)", definition: described["text"],
                api: KPIPageQuery.apiLink(parameters))
            figure.target = try await target(.sl, report.overall, .percent, parameters, query)
            page.serviceLevels.append(figure)
        }
        let others: [(CallMetric.Kind, KPIFigureFormat.Unit)] = [(.asa, .seconds), (.aht, .seconds), (.abandonment, .percent), (.fcr, .percent), (.transfer, .percent)]
        var byQueue: [KPIBreakdownBuilder.Column] = [], byWeek: [KPIBreakdownBuilder.Column] = []
        let queue = query.parameters["queue"].flatMap { $0.contains(",") || $0.isEmpty ? nil : $0 }
        let rowTargets = BreakdownTargets(
            judgement: TargetJudgement(targets: targets), names: names, format: format,
            view: KPITarget.View(service: queue, lastDay: query.filters.toDay), scope: query.scope)
        /// A table's column: the KPI grouped by `dimension`, each row against its target.
        func column(_ kind: CallMetric.Kind, _ name: String, _ parameters: [String: String], _ unit: KPIFigureFormat.Unit, by dimension: String) async throws
            -> KPIBreakdownBuilder.Column
        {
            let byParameters = parameters.merging(["by": dimension]) { $1 }
            let grouped = try await call(byParameters).0
            let cells = try await rowTargets.column(
                TargetMetric(kind), grouped, dimension: dimension, unit: unit, parameters: byParameters, report: { try await call($0).0 })
            return KPIBreakdownBuilder.Column(name: name, report: grouped, unit: unit, targets: cells)
        }
        for (kind, unit) in others {
            let parameters = query.apiParameters(["metric": kind.rawValue], keeping: Self.passed)
            let (report, metric) = try await call(parameters)
            let described = MetricText.definition(metric, text: text)
            var figure = format.figure(
                id: kind.rawValue, report, unit, name: described["name"], definition: described["text"], api: KPIPageQuery.apiLink(parameters))
            figure.target = try await target(kind, report.overall, unit, parameters, query)
            page.figures.append(figure)
            let name = described["name"] ?? report.name
            byQueue.append(try await column(kind, name, parameters, unit, by: "queue"))
            byWeek.append(try await column(kind, name, parameters, unit, by: "week"))
        }
        let offered = query.apiParameters(["metric": "sl"], keeping: Self.passed)
        let slName = "\(text["call_name_sl"] ?? "Service level") 3"
        byQueue.insert(try await column(.sl, slName, offered, .percent, by: "queue"), at: 0)
        byWeek.insert(try await column(.sl, slName, offered, .percent, by: "week"), at: 0)
        let builder = KPIBreakdownBuilder(format: format)
        page.tables = [
            builder.table(
                id: "by-queue", caption: text["kpi_by_queue"] ?? "By queue", dimension: "queue", label: text["kpi_queue"] ?? "Queue",
                columns: byQueue, basis: rowTargets.basis("queue"), name: { $0.isEmpty ? "—" : $0 }),
            builder.table(
                id: "by-week", caption: text["kpi_by_week"] ?? "By week", dimension: "week", label: text["kpi_week"] ?? "Week",
                columns: byWeek, basis: rowTargets.basis("week"), name: { $0 }),
        ]
        // The agent-state log records agents and times, no service point: its figures are the organisation's.
        if query.scope != nil { page.workforceScoped = text["kpi_workforce_scoped"] ?? "Organisation-wide figures." }
        for kind in AgentMetric.Kind.allCases where query.scope == nil {
            // The agent-state log knows agents and times only: the queue and channel filters do not apply to it.
            let parameters = query.apiParameters(["metric": kind.rawValue], keeping: [])
            let parsed = try PublicServiceQueryParser(timeZone: analytics.timeZone).parse(parameters)
            let report = try await analytics.report(parsed, minimumN: minimumN)
            let described = format.described(kind.rawValue, name: report.name, definition: report.definition)
            page.workforce.append(format.figure(
                id: kind.rawValue, report, .percent, name: described.name, definition: described.definition, api: KPIPageQuery.apiLink(parameters)))
        }
        page.hasWorkforce = page.workforce.contains { $0.n > 0 }
        page.hasData = page.serviceLevels.contains { $0.n > 0 }
        page.tables = query.withCSV(page.tables, path: "/contact-centre")
        page.minimumNote = (text["minimum_n"] ?? "").replacingOccurrences(of: "{n}", with: String(minimumN))
        return page
    }

    /// The card's target (``TargetJudgement``): the queue's service when one queue is chosen, else the organisation's,
    /// in force on the period's last day; a relative target compares with the same query over its baseline period.
    func target(
        _ kind: CallMetric.Kind, _ value: MetricValue, _ unit: KPIFigureFormat.Unit, _ parameters: [String: String], _ query: KPIPageQuery
    ) async throws -> TargetNote? {
        let queue = query.parameters["queue"].flatMap { $0.contains(",") || $0.isEmpty ? nil : $0 }
        let view = KPITarget.View(service: queue, lastDay: query.filters.toDay)
        let outcome = try await TargetJudgement(targets: targets).judge(
            TargetMetric(kind), view: view, value: value, parameters: parameters, report: { try await call($0).0 })
        return outcome.map { format.targetNote($0, unit: unit, names: names) }
    }

    func call(_ parameters: [String: String]) async throws -> (MetricReport, CallMetric) {
        let parsed = try CallMetricQueryParser(timeZone: analytics.timeZone).parse(parameters)
        return (await analytics.report(parsed, minimumN: minimumN), parsed.metric)
    }

    func form(_ query: KPIPageQuery) -> PeriodForm {
        var form = PeriodForm(action: "/contact-centre", from: query.formFrom, to: query.formTo)
        form.presets = query.presets("/contact-centre", text: text, today: LocalCalendar.day(of: Date(), in: analytics.timeZone))
        form.dataEnd = query.dataEnd
        let channel = query.parameters["channel"] ?? ""
        form.selects = [
            PeriodForm.Select(
                name: "channel", label: text["channel"] ?? "Channel",
                options: [Channel.callCenter, .chat, .email].map { SelectOption(code: $0.rawValue, label: text["channel_\($0.rawValue)"] ?? $0.rawValue, selected: $0.rawValue == channel) })
        ]
        form.kept = ["channel", "queue", "threshold"].compactMap { key in query.parameters[key].map { PeriodForm.Kept(name: key, value: $0) } }
        form.fields = [
            PeriodForm.Field(name: "queue", label: text["kpi_queue"] ?? "Queue", value: query.parameters["queue"] ?? "", type: "text", hint: text["kpi_queue_hint"]),
            PeriodForm.Field(name: "threshold", label: text["kpi_threshold"] ?? "T, s", value: query.parameters["threshold"] ?? "20", type: "number", hint: text["kpi_threshold_hint"]),
        ]
        return form
    }
}
