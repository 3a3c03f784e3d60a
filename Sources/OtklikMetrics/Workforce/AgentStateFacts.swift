import Foundation
import OtklikCore

/// The agent-state log held for occupancy and utilisation in a columnar ``AgentStateTable``. An interval counts on the
/// local day and hour it starts. A report (``AgentStateScan``) resolves the agent filter once into a mask over codes and
/// sums each row into its agent-day cluster (agent code and day as one integer) and the clusters into groups, the rows
/// split across threads; checked against ``ReferenceAgentStateFacts``.
public struct AgentStateFacts: Sendable {
    public let timeZone: TimeZone
    public private(set) var table: AgentStateTable
    /// How scans group (tests lower the dense limit to reach the hash-map path on small tables).
    public var options = ScanOptions.default

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        table = AgentStateTable(timeZone: timeZone)
    }

    /// The log held in a table built elsewhere (a snapshot).
    public init(timeZone: TimeZone, table: AgentStateTable) {
        self.timeZone = timeZone
        self.table = table
    }

    public var count: Int { table.count }

    /// Bytes an interval occupies in the columns; the agent dictionary is extra.
    public static let bytesPerInterval = AgentStateTable.bytesPerInterval

    /// Bytes held: the columns (spare capacity included) and the agents' codes.
    public var memoryBytes: Int { table.memoryBytes }

    public mutating func append(_ intervals: [AgentStateInterval]) {
        for interval in intervals { table.append(interval) }
    }

    static let dimensions: Set<CallDimension> = [.agent, .hour, .day, .week, .month]

    /// Refuses a grouping or filter the log does not have.
    static func check(_ metric: AgentMetric, _ query: ProcessQuery) throws(OtklikError) {
        if let bad = query.dimensions.first(where: { !dimensions.contains($0) }) {
            throw .invalid("by", "\(metric.kind.rawValue) comes from the agent-state log, which has no \(bad.rawValue); use \(dimensions.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        let filter = query.filter
        guard filter.queues.isEmpty, filter.locations.isEmpty, filter.regions.isEmpty, filter.services.isEmpty, filter.channels.isEmpty else {
            throw .invalid("agent", "\(metric.kind.rawValue) can be filtered by agent only")
        }
    }

    /// The metric by the query's dimensions over intervals starting in [from, to); filters by agent only.
    public func report(_ metric: AgentMetric, _ query: ProcessQuery, minimumN fallback: Int) throws(OtklikError) -> MetricReport {
        try Self.check(metric, query)
        let minimumN = query.minimumN ?? fallback
        let (groups, overall, hours) = AgentStateScan(table: table, metric: metric, query: query, options: options).run()
        let names = query.dimensions.map(\.rawValue)
        return MetricReport(
            metric: metric.kind.rawValue, name: metric.name, definition: metric.definition, minimumN: minimumN, dimensions: names,
            groups: groups.sorted { $0.labels.lexicographicallyPrecedes($1.labels) }.map { labels, clusters in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, labels)), value: Self.evaluate(clusters, minimumN: minimumN))
            },
            overall: Self.evaluate(overall, minimumN: minimumN), notes: Self.notes(held: table.count, hours: hours))
    }

    /// That no log is held, or the hours counted.
    static func notes(held: Int, hours: Double) -> [String] {
        held == 0
            ? ["no agent-state log is stored: import one with `otklik import agent-states` or POST /api/v1/agent-states"]
            : ["logged hours counted: \(String(format: "%.1f", hours))"]
    }

    static func evaluate<C: Collection>(_ clusters: C, minimumN: Int) -> MetricValue where C.Element == (handle: Double, base: Double) {
        let used = clusters.filter { $0.base > 0 }
        let n = used.count
        let base = used.reduce(0) { $0 + $1.base }
        guard n > 0, n >= minimumN, base > 0 else { return MetricValue(value: nil, n: n, ciLow: nil, ciHigh: nil, insufficient: true) }
        let ratio = used.reduce(0) { $0 + $1.handle } / base
        let interval = RatioInterval.delta(numerators: used.map(\.handle), denominators: used.map(\.base))?.clamped(to: 0...1)
        return MetricValue(
            value: 100 * ratio, n: n, ciLow: interval.map { 100 * $0.low }, ciHigh: interval.map { 100 * $0.high }, insufficient: false)
    }
}
