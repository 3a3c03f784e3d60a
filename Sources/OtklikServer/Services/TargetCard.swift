import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// A dashboard KPI against its target, judged by the one ``TargetJudgement``: the goal, the scope and period it
/// was set for, the gap, and the verdict judged with the figure's interval (``TargetAttainment``). A relative target
/// compares with the same slice of the dashboard (its filters) over the target's baseline period.
struct TargetCard {
    let analytics: Analytics
    let names: ReferenceNames
    let minimumN: Int
    let text: [String: String]
    /// Staff rows' own baselines, one grouped query for a table's rows (``GroupedBaselines``).
    let staffBaselines = GroupedBaselines()

    func build(_ metric: MetricID, value: MetricValue, targets: [KPITarget], filters: DashboardFilters) async throws -> TargetNote? {
        let outcome = try await TargetJudgement(targets: targets).judge(
            TargetMetric(metric), view: Self.view(filters, names: names), value: value, baseline: { try await baseline(metric, filters, $0) })
        return outcome.map { note(metric, $0) }
    }

    /// A row of the dashboard's tables by `dimension` (location, staff member, service, channel) against its own target
    /// (``TargetJudgement/rowView(_:view:scope:names:)``); a relative target compares with the row's own slice (its
    /// location, service or channel; a staff member's row: the same staff member's figure within the page's filters,
    /// every staff row's read by one query grouped by staff member) over the baseline period.
    func row(
        _ metric: MetricID, value: MetricValue, dimension: GroupDimension, code: String, targets: [KPITarget], filters: DashboardFilters
    ) async throws -> CellTarget? {
        let view = TargetJudgement.rowView(
            [dimension.rawValue: code], view: Self.view(filters, names: names), scope: filters.scopeLocations, names: names)
        var slice = filters
        switch dimension {
        case .location: slice.location = code
        case .service: slice.service = code
        case .channel: slice.channel = Channel(rawValue: code)
        default: break
        }
        let outcome = try await TargetJudgement(targets: targets).judge(
            TargetMetric(metric), view: view, value: value,
            baseline: { target in
                dimension == .staff ? try await staffBaseline(metric, filters, target, staff: code) : try await baseline(metric, slice, target)
            })
        guard let outcome else { return nil }
        return CellTarget(note(metric, outcome), outcome.attainment.status, text: text)
    }

    /// The figure of `filters`' slice over a relative target's baseline period.
    func baseline(_ metric: MetricID, _ filters: DashboardFilters, _ target: KPITarget) async throws -> MetricValue {
        var previous = filters
        previous.fromDay = LocalCalendar.day(parsing: target.baselinePeriod.from) ?? filters.fromDay
        previous.toDay = LocalCalendar.day(parsing: target.baselinePeriod.to) ?? filters.toDay
        var query = previous.query(timeZone: analytics.timeZone, groupBy: [])
        query.measures = TallyMeasures(metric)
        return try await analytics.tally(query).overall.evaluate(metric, minimumN: minimumN)
    }

    /// The staff member's own figure within `filters` over a relative target's baseline period, from one query grouped by
    /// staff member shared by every row of the table (the dashboard has no staff filter to narrow a slice to one).
    func staffBaseline(_ metric: MetricID, _ filters: DashboardFilters, _ target: KPITarget, staff code: String) async throws -> MetricValue {
        var previous = filters
        previous.fromDay = LocalCalendar.day(parsing: target.baselinePeriod.from) ?? filters.fromDay
        previous.toDay = LocalCalendar.day(parsing: target.baselinePeriod.to) ?? filters.toDay
        let key = "\(metric.rawValue)/\(previous.fromDay)/\(previous.toDay)"
        let tally = try await staffBaselines.tally(key: key, code: code) {
            var query = previous.query(timeZone: analytics.timeZone, groupBy: [.staff])
            query.measures = TallyMeasures(metric)
            return try await analytics.tally(query)
        }
        return tally.evaluate(metric, minimumN: minimumN)
    }

    func note(_ metric: MetricID, _ outcome: TargetJudgement.Outcome) -> TargetNote {
        let attainment = outcome.attainment
        return Self.note(
            outcome.target, attainment, goal: attainment.goal.map { Format.value(metric, $0) } ?? "—",
            gap: attainment.gap.map { Format.gap(metric, $0, text: text) }, names: names, text: text)
    }

    /// What the KPI's figure covers, for choosing its target. For the whole organisation: the chosen location (its
    /// region's target when it has none), service or region, else the organisation. For a caller limited to some
    /// locations (`filters.scopeLocations`) only a target of exactly what the figure covers: one location's (the
    /// chosen one, or the scope's only one), or one region's when the scope is that whole region — never the
    /// organisation's, a service's or a wider region's, which were set for figures the caller does not see.
    static func view(_ filters: DashboardFilters, names: ReferenceNames) -> KPITarget.View {
        guard let scope = filters.scopeLocations else {
            return KPITarget.View(
                location: filters.location, region: filters.location.flatMap { names.regionOfLocation[$0] } ?? filters.region,
                service: filters.service, lastDay: filters.toDay)
        }
        if filters.service != nil { return KPITarget.View(lastDay: filters.toDay, allowed: []) }
        if let location = filters.location ?? (scope.count == 1 ? scope.first : nil) {
            return KPITarget.View(location: location, lastDay: filters.toDay, allowed: [.location])
        }
        let regions = Set(scope.map { names.regionOfLocation[$0] })
        guard regions.count == 1, let region = regions.first ?? nil, filters.region == nil || filters.region == region else {
            return KPITarget.View(lastDay: filters.toDay, allowed: [])
        }
        let wholeRegion = Set(names.regionOfLocation.filter { $0.value == region }.keys)
        return KPITarget.View(region: region, lastDay: filters.toDay, allowed: wholeRegion == scope ? [.region] : [])
    }

    /// The note shown beside a KPI for its target: the goal as written (`goal`, formatted in the KPI's unit; a relative
    /// target adds its change and baseline period), the scope and period, the verdict and the gap — every page's target
    /// note is written here, its dates in the page's language (``PageDate``) and its figures with the language's
    /// decimal separator (``PageNumber``).
    static func note(
        _ target: KPITarget, _ attainment: TargetAttainment, goal written: String, gap: String?, names: ReferenceNames, text: [String: String]
    ) -> TargetNote {
        let scope = target.code.map { "\(text["target_scope_\(target.scope.rawValue)"] ?? target.scope.rawValue) \(name(of: target, code: $0, names: names))" }
            ?? (text["target_scope_organisation"] ?? "organisation")
        var goal = PageNumber.localised(written, text: text)
        if target.kind == .relativeChange {
            goal = (text["target_relative"] ?? "{goal} ({change} % on {from} – {to})")
                .replacingOccurrences(of: "{goal}", with: goal)
                .replacingOccurrences(of: "{change}", with: PageNumber.localised(String(format: "%+.1f", target.target), text: text))
                .replacingOccurrences(of: "{from}", with: PageDate.day(target.baselinePeriod.from, text: text))
                .replacingOccurrences(of: "{to}", with: PageDate.day(target.baselinePeriod.to, text: text))
        }
        let verdictKey = "target_\(attainment.status.rawValue)" + (attainment.status == .met || attainment.status == .missed
            ? (target.higherIsBetter ? "_higher" : "_lower") : "")
        return TargetNote(
            goal: goal,
            scope: "\(scope), \(PageDate.period(target.from, target.to, text: text))",
            status: attainment.status.rawValue,
            verdict: text[verdictKey] ?? attainment.status.rawValue,
            gap: gap.map { PageNumber.localised($0, text: text) } ?? "",
            hasGap: gap != nil,
            columns: TargetColumns(target, attainment.status))
    }

    private static func name(of target: KPITarget, code: String, names: ReferenceNames) -> String {
        switch target.scope {
        case .region: names.name(.region, code)
        case .location: names.name(.location, code)
        case .service: names.name(.service, code)
        case .organisation: ""
        }
    }
}
