import Foundation
import OtklikCore

/// The plain computation ``AgentStateFacts`` is checked against: the log kept as an array of structs, each report a
/// pass over every interval with dictionaries of groups and agent-day clusters keyed by labels and agent codes. Slow and
/// obviously right (it was the engine until the columnar ``AgentStateTable``); tests compare every metric with it.
public struct ReferenceAgentStateFacts: Sendable {
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

    public mutating func append(_ intervals: [AgentStateInterval]) {
        for interval in intervals {
            let (day, hour) = offsets.localDayAndHour(of: interval.start)
            facts.append(Fact(agent: interval.agent, state: interval.state, start: interval.start, seconds: interval.seconds, day: day, hour: hour))
        }
    }

    /// The metric by the query's dimensions over intervals starting in [from, to); filters by agent only.
    public func report(_ metric: AgentMetric, _ query: ProcessQuery, minimumN fallback: Int) throws(OtklikError) -> MetricReport {
        try AgentStateFacts.check(metric, query)
        let filter = query.filter
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
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, key)), value: AgentStateFacts.evaluate(clusters.values, minimumN: minimumN))
            },
            overall: AgentStateFacts.evaluate(overall.values, minimumN: minimumN),
            notes: AgentStateFacts.notes(held: facts.count, hours: hours))
    }
}
