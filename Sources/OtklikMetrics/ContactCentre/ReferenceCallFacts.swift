import Foundation
import OtklikCore

/// The plain computation ``CallFacts`` is checked against: contacts kept as an array of structs, each
/// report a pass over every contact with a dictionary of groups keyed by their labels. Slow and obviously
/// right (it was the engine until the columnar ``CallTable``); tests compare every KPI with it.
public struct ReferenceCallFacts: Sendable {
    public let timeZone: TimeZone
    public private(set) var facts: [CallFact] = []
    private var fcrDays: Int?
    private(set) var offsets: UTCOffsetCache
    /// Region of each location, for the region filter and dimension.
    public private(set) var regionOfLocation: [String: String] = [:]

    public init(timeZone: TimeZone, facts: [CallFact] = []) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
        self.facts = []
        append(facts: facts)
    }

    public mutating func append(_ interactions: [Interaction]) {
        append(facts: interactions.map(CallFact.init))
    }

    private mutating func append(facts new: [CallFact]) {
        for var fact in new {
            (fact.day, fact.hour) = offsets.localDayAndHour(of: fact.arrivedAt)
            facts.append(fact)
        }
        fcrDays = nil
    }

    public var count: Int { facts.count }

    /// Room for `n` contacts in all, ahead of a load (appending chunk by chunk then never copies the array).
    public mutating func reserveCapacity(_ n: Int) {
        facts.reserveCapacity(n)
    }

    public mutating func setRegion(_ region: String?, ofLocation location: String) {
        regionOfLocation[location] = region
    }

    func region(of fact: CallFact) -> String? {
        fact.location.flatMap { regionOfLocation[$0] }
    }

    func admits(_ fact: CallFact, _ filter: CallFilter) -> Bool {
        filter.admits(
            queue: fact.queue, agent: fact.agent, location: fact.location, region: filter.regions.isEmpty ? nil : region(of: fact),
            service: fact.service, channel: fact.channel.rawValue)
    }

    /// Marks every contact that the same identified customer followed, on the same topic, by another
    /// offered contact within `days` days.
    mutating func markRepeats(days: Int) {
        guard fcrDays != days else { return }
        let window = TimeInterval(days) * 86_400
        var byCustomer: [String: [Int]] = [:]
        for (index, fact) in facts.enumerated() where fact.customer != nil && fact.outcome != .selfService {
            byCustomer["\(fact.customer!)\u{1F}\(fact.topic ?? "")", default: []].append(index)
        }
        for index in facts.indices { facts[index].repeated = false }
        for indices in byCustomer.values where indices.count > 1 {
            let ordered = indices.sorted { facts[$0].arrivedAt < facts[$1].arrivedAt }
            for (position, index) in ordered.enumerated().dropLast() {
                let next = facts[ordered[position + 1]].arrivedAt
                facts[index].repeated = next.timeIntervalSince(facts[index].arrivedAt) <= window
            }
        }
        fcrDays = days
    }

    /// The KPI by the given dimensions over contacts arriving in [from, to).
    public mutating func report(
        _ metric: CallMetric, by dimensions: [CallDimension], from: Date? = nil, to: Date? = nil,
        filter: CallFilter = CallFilter(), minimumN: Int
    ) -> MetricReport {
        report(metric, ProcessQuery(dimensions: dimensions, from: from, to: to, filter: filter), minimumN: minimumN)
    }

    public mutating func report(_ metric: CallMetric, _ query: ProcessQuery, minimumN fallback: Int) -> MetricReport {
        let dimensions = query.dimensions, minimumN = query.minimumN ?? fallback
        if metric.kind == .fcr { markRepeats(days: metric.fcrDays) }
        var groups: [[String]: CallTally] = [:]
        var overall = CallTally()
        var labels = TimeLabels()
        for fact in facts {
            if !query.contains(fact.arrivedAt) || !admits(fact, query.filter) { continue }
            overall.add(fact, threshold: metric.threshold, shortLimit: metric.shortAbandon)
            guard !dimensions.isEmpty else { continue }
            let groupKey = dimensions.map { self.key($0, fact, labels: &labels) }
            groups[groupKey, default: CallTally()].add(fact, threshold: metric.threshold, shortLimit: metric.shortAbandon)
        }
        let names = dimensions.map(\.rawValue)
        var notes: [String] = []
        if metric.kind == .fcr { notes.append("anonymous answered contacts excluded: \(overall.anonymousAnswered)") }
        return MetricReport(
            metric: metric.kind.rawValue, name: metric.name, definition: metric.definition, minimumN: minimumN, dimensions: names,
            groups: groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { key, tally in
                MetricReport.Group(key: Dictionary(uniqueKeysWithValues: zip(names, key)), value: metric.evaluate(tally, minimumN: minimumN))
            },
            overall: metric.evaluate(overall, minimumN: minimumN), notes: notes)
    }

    func key(_ dimension: CallDimension, _ fact: CallFact, labels: inout TimeLabels) -> String {
        switch dimension {
        case .queue: fact.queue ?? ""
        case .agent: fact.agent ?? ""
        case .topic: fact.topic ?? ""
        case .channel: fact.channel.rawValue
        case .location: fact.location ?? ""
        case .region: region(of: fact) ?? ""
        case .service: fact.service ?? ""
        case .hour, .day, .week, .month: labels.label(dimension, day: fact.day, hour: fact.hour)
        }
    }
}
