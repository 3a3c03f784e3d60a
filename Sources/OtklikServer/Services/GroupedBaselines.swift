import Foundation
import OtklikMetrics

/// The baselines of a table's rows by a dimension the dashboard's filters cannot select (a staff member): a relative
/// target's row compares with the same row's own figure over the target's baseline period, read for every row at once
/// by one query grouped by the dimension (per metric and baseline period) and kept for the table's other rows.
final class GroupedBaselines: @unchecked Sendable {
    private let lock = NSLock()
    private var loaded: [String: [String: Tally]] = [:]

    /// The row `code`'s tally among the groups `load` reads for `key` (read once per key); an empty tally when the
    /// row had no record then.
    func tally(key: String, code: String, load: () async throws -> GroupedTallies) async throws -> Tally {
        if let groups = lock.withLock({ loaded[key] }) { return groups[code] ?? Tally() }
        let grouped = try await load()
        let groups = Dictionary(grouped.groups.map { ($0.key.first ?? "", $0.tally) }, uniquingKeysWith: { first, _ in first })
        lock.withLock { loaded[key] = groups }
        return groups[code] ?? Tally()
    }
}
