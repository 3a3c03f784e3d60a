import Foundation
import OtklikMetrics

/// Ranks the dashboard's locations by a KPI: only locations with at least the minimum n answers for it, ordered by
/// the value (ties by n, then code); the best and the worst `count` (fewer when few are ranked, never overlapping), each
/// with its target and verdict where `judge` gives one.
struct LocationRanker {
    let names: ReferenceNames
    let minimumN: Int
    let text: [String: String]
    var count = 5

    /// - Parameter judge: a ranked location's target and verdict by its code and figure (``TargetCard/row``), nil when none
    ///   applies.
    func rank(
        _ metric: MetricID, _ tallies: GroupedTallies, filters: DashboardFilters,
        judge: (String, MetricValue) async throws -> CellTarget? = { _, _ in nil }
    ) async throws -> LocationRanking? {
        let higherIsBetter = metric != .negative
        var eligible: [(code: String, value: MetricValue)] = []
        var below = 0
        for group in tallies.groups {
            let code = group.key.first ?? ""
            guard !code.isEmpty else { continue }
            let value = group.tally.evaluate(metric, minimumN: minimumN)
            if value.insufficient || value.value == nil {
                if value.n > 0 { below += 1 }
                continue
            }
            eligible.append((code, value))
        }
        guard eligible.count >= 2 else { return nil }
        eligible.sort { a, b in
            let (x, y) = (a.value.value ?? 0, b.value.value ?? 0)
            if x != y { return higherIsBetter ? x > y : x < y }
            return (a.value.n, a.code) > (b.value.n, b.code)
        }
        let shown = min(count, eligible.count / 2)
        func row(_ index: Int) async throws -> LocationRanking.Row {
            let item = eligible[index]
            return LocationRanking.Row(
                rank: index + 1, code: item.code, name: names.name(.location, item.code, text: text),
                link: filters.link(setting: "location", to: item.code), value: Format.value(metric, item.value.value),
                ci: Format.interval(metric, item.value), n: item.value.n, figure: item.value, target: try await judge(item.code, item.value))
        }
        var best: [LocationRanking.Row] = [], worst: [LocationRanking.Row] = []
        for index in 0..<shown { best.append(try await row(index)) }
        for index in (eligible.count - shown..<eligible.count).reversed() { worst.append(try await row(index)) }
        let note = (text["ranking_note"] ?? "{ranked} locations ranked; {below} with fewer than {n} answers are not.")
            .replacingOccurrences(of: "{ranked}", with: String(eligible.count)).replacingOccurrences(of: "{below}", with: String(below))
            .replacingOccurrences(of: "{n}", with: String(minimumN))
        let judged = (best + worst).contains { $0.target != nil }
        return LocationRanking(
            id: "ranking-\(metric.rawValue)",
            title: (text["ranking_title"] ?? "Locations by {metric}").replacingOccurrences(of: "{metric}", with: text[metric.rawValue] ?? metric.rawValue),
            best: best, worst: worst, note: note, targetBasis: judged ? text["target_basis_location"] : nil)
    }
}
