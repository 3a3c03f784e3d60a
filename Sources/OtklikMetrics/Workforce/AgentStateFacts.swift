import Foundation
import OtklikCore

/// The agent-state log held for occupancy and utilisation. An interval counts on the local day and hour it starts.
public struct AgentStateFacts: Sendable {
    public struct Fact: Sendable, Equatable {
        public var agent: String
        public var state: AgentState
        public var start: Date
        public var seconds: Double
        public var day: Int32
        public var hour: Int8
    }

    public let timeZone: TimeZone
    public private(set) var facts: [Fact] = []
    private var offsets: UTCOffsetCache

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { facts.count }

    /// Bytes an interval takes in ``facts`` before its agent code's own heap text (`MemoryLayout<Fact>.stride`).
    public static let bytesPerInterval = MemoryLayout<Fact>.stride

    /// Bytes held: the intervals (spare capacity included) and the heap text of agent codes longer than 15 bytes.
    public var memoryBytes: Int {
        facts.capacity * Self.bytesPerInterval + facts.reduce(0) { $0 + HeapBytes.of($1.agent) }
    }

    public mutating func append(_ intervals: [AgentStateInterval]) {
        for interval in intervals {
            let (day, hour) = offsets.localDayAndHour(of: interval.start)
            facts.append(Fact(agent: interval.agent, state: interval.state, start: interval.start, seconds: interval.seconds, day: day, hour: hour))
        }
    }

    static let dimensions: Set<CallDimension> = [.agent, .hour, .day, .week, .month]

    /// The metric by the query's dimensions over intervals starting in [from, to); filters by agent only.
    public func report(_ metric: AgentMetric, _ query: ProcessQuery, minimumN fallback: Int) throws(OtklikError) -> MetricReport {
        if let bad = query.dimensions.first(where: { !Self.dimensions.contains($0) }) {
            throw .invalid("by", "\(metric.kind.rawValue) comes from the agent-state log, which has no \(bad.rawValue); use \(Self.dimensions.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        let filter = query.filter
        guard filter.queues.isEmpty, filter.locations.isEmpty, filter.regions.isEmpty, filter.services.isEmpty, filter.channels.isEmpty else {
            throw .invalid("agent", "\(metric.kind.rawValue) can be filtered by agent only")
        }
        let minimumN = query.minimumN ?? fallback
        struct AgentDay: Hashable { var agent: String; var day: Int32 }
        var groups: [[String]: [AgentDay: (handle: Double, base: Double)]] = [:]
        var overall: [AgentDay: (handle: Double, base: Double)] = [:]
        var labels = TimeLabels()
        var hours = 0.0
        for fact in facts {
            guard query.contains(fact.start), CallFilter.admits(filter.agents, fact.agent) else { continue }
            let part = metric.contribution(fact.state, seconds: fact.seconds)
            hours += fact.seconds / 3600
            let cluster = AgentDay(agent: fact.agent, day: fact.day)
            overall[cluster, default: (0, 0)].handle += part.handle
            overall[cluster, default: (0, 0)].base += part.base
            guard !query.dimensions.isEmpty else { continue }
            let key = query.dimensions.map { $0 == .agent ? fact.agent : labels.label($0, day: fact.day, hour: fact.hour) }
            groups[key, default: [:]][cluster, default: (0, 0)].handle += part.handle
            groups[key, default: [:]][cluster, default: (0, 0)].base += part.base
        }
        let names = query.dimensions.map(\.rawValue)
        return MetricReport(
            metric: metric.kind.rawValue, name: metric.name, definition: metric.definition, minimumN: minimumN, dimensions: names,
            groups: groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, clusters in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, key)), value: Self.evaluate(clusters.values, minimumN: minimumN))
            },
            overall: Self.evaluate(overall.values, minimumN: minimumN),
            notes: facts.isEmpty
                ? ["no agent-state log is stored: import one with `otklik import agent-states` or POST /api/v1/agent-states"]
                : ["logged hours counted: \(String(format: "%.1f", hours))"])
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
