import Foundation
import OtklikCore

/// Contacts held for the contact-centre KPIs: grouped, filtered and tallied in one pass.
public struct CallFacts: Sendable {
    public let timeZone: TimeZone
    public private(set) var facts: [CallFact] = []
    private var fcrDays: Int?
    private var offsets: UTCOffsetCache

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
        facts.reserveCapacity(facts.count + new.count)
        for var fact in new {
            (fact.day, fact.hour) = offsets.localDayAndHour(of: fact.arrivedAt)
            facts.append(fact)
        }
        fcrDays = nil
    }

    public var count: Int { facts.count }

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
        queues: Set<String> = [], agents: Set<String> = [], minimumN: Int
    ) -> MetricReport {
        if metric.kind == .fcr { markRepeats(days: metric.fcrDays) }
        var groups: [[String]: CallTally] = [:]
        var overall = CallTally()
        var labels = TimeLabels()
        for fact in facts {
            if let from, fact.arrivedAt < from { continue }
            if let to, fact.arrivedAt >= to { continue }
            if !queues.isEmpty && !(fact.queue.map(queues.contains) ?? false) { continue }
            if !agents.isEmpty && !(fact.agent.map(agents.contains) ?? false) { continue }
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

    /// Day, week and month labels, formatted once per distinct value in a report.
    struct TimeLabels {
        var days: [Int32: String] = [:]
        var weeks: [Int32: String] = [:]
        var months: [Int32: String] = [:]
    }

    func key(_ dimension: CallDimension, _ fact: CallFact, labels: inout TimeLabels) -> String {
        let day = fact.day
        switch dimension {
        case .queue: return fact.queue ?? ""
        case .agent: return fact.agent ?? ""
        case .topic: return fact.topic ?? ""
        case .channel: return fact.channel.rawValue
        case .hour:
            return fact.hour < 10 ? "0\(fact.hour)" : "\(fact.hour)"
        case .day:
            if let label = labels.days[day] { return label }
            let label = LocalCalendar.label(day: day)
            labels.days[day] = label
            return label
        case .week:
            if let label = labels.weeks[day] { return label }
            let label = LocalCalendar.label(day: LocalCalendar.weekStart(of: day))
            labels.weeks[day] = label
            return label
        case .month:
            if let label = labels.months[day] { return label }
            let label = LocalCalendar.label(monthIndex: LocalCalendar.monthIndex(of: day))
            labels.months[day] = label
            return label
        }
    }
}
