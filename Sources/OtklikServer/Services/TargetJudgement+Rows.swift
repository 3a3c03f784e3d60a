import Foundation
import OtklikCore
import OtklikMetrics

extension TargetJudgement {
    /// What one row of a grouped report covers, for choosing its target: the row's location (a staff member's or an
    /// agent's location), service or queue, or region replaces the whole view's; a time row (day, week, month) takes the
    /// target in force on its own last day (at most the view's). A team, channel or other row spans locations: it is
    /// judged against the whole view's target. A caller limited to some locations (`scope`) is judged only against
    /// their own location's target on a location row (``TargetCard/view(_:names:)``): no service's or region's.
    static func rowView(_ key: [String: String], view: KPITarget.View, scope: Set<String>?, names: ReferenceNames) -> KPITarget.View {
        var row = view
        if let last = lastDay(of: key) { row.lastDay = min(view.lastDay, last) }
        let location = [key["location"], key["staff"].flatMap { names.locationOfStaff[$0] }, key["agent"].flatMap { names.locationOfStaff[$0] }]
            .compactMap { $0 }.first { !$0.isEmpty }
        if let location {
            if let scope {
                return KPITarget.View(location: location, lastDay: row.lastDay, allowed: scope.contains(location) ? [.location] : [])
            }
            row.location = location
            row.region = names.regionOfLocation[location]
        } else if let region = key["region"], !region.isEmpty {
            if scope != nil { return KPITarget.View(lastDay: row.lastDay, allowed: []) }
            row.location = nil
            row.region = region
        }
        if let service = key["service"] ?? key["queue"], !service.isEmpty {
            if scope != nil { return KPITarget.View(lastDay: row.lastDay, allowed: []) }
            row.service = service
        }
        return row
    }

    /// The last day of a time row: a day (`2026-03-02`, or a week keyed by its Monday when `week` is the key), a month
    /// (`2026-03`).
    static func lastDay(of key: [String: String]) -> Int32? {
        if let day = key["day"].flatMap(LocalCalendar.day(parsing:)) { return day }
        if let monday = key["week"].flatMap(LocalCalendar.day(parsing:)) { return monday + 6 }
        if let month = key["month"], let first = LocalCalendar.day(parsing: month + "-01") {
            let parts = month.split(separator: "-").compactMap { Int($0) }
            guard parts.count == 2 else { return nil }
            let next = parts[1] == 12 ? String(format: "%04d-01-01", parts[0] + 1) : String(format: "%04d-%02d-01", parts[0], parts[1] + 1)
            return LocalCalendar.day(parsing: next).map { $0 - 1 } ?? first
        }
        return nil
    }

    /// Judges every row of a grouped report against its own target (``rowView(_:view:scope:names:)``), as the whole
    /// figure is judged; a relative target's baseline is the row's own figure over the target's baseline period (the
    /// same query grouped by the report's non-time dimensions; a time row compares with the whole view's baseline).
    /// - Parameters:
    ///   - parameters: the grouped report's metrics-API parameters (with `by`).
    ///   - report: the same report over other parameters.
    /// - Returns: the outcome of each row that has a target, by the row's index in `grouped.groups`.
    func judgeRows(
        _ metric: TargetMetric?, grouped: MetricReport, view: KPITarget.View, scope: Set<String>?, names: ReferenceNames,
        parameters: [String: String], report: ([String: String]) async throws -> MetricReport
    ) async throws -> [Int: Outcome] {
        guard let metric, targets.contains(where: { $0.metric == metric }) else { return [:] }
        let timeDimensions: Set<String> = ["day", "week", "month", "hour"]
        let kept = grouped.dimensions.filter { !timeDimensions.contains($0) }
        var baselines: [String: MetricReport] = [:]
        var outcomes: [Int: Outcome] = [:]
        for (index, group) in grouped.groups.enumerated() {
            let rowView = Self.rowView(group.key, view: view, scope: scope, names: names)
            guard let target = KPITarget.applicable(targets, metric: metric, view: rowView) else { continue }
            var baseline: MetricValue?
            if target.kind == .relativeChange {
                let period = "\(target.baselinePeriod.from)/\(target.baselinePeriod.to)"
                if baselines[period] == nil {
                    var before = Self.baselineParameters(target, parameters)
                    if !kept.isEmpty { before["by"] = kept.joined(separator: ",") }
                    baselines[period] = try await report(before)
                }
                let before = baselines[period]
                baseline = kept.isEmpty
                    ? before?.overall
                    : before?.groups.first { row in kept.allSatisfy { row.label($0) == group.label($0) } }?.value
                    ?? MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true)
            }
            outcomes[index] = Outcome(target: target, attainment: TargetAttainment.judge(target, value: group.value, baseline: baseline))
        }
        return outcomes
    }
}
