import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The columnar agent-state engine (``AgentStateFacts`` over ``AgentStateTable``) against the row-by-row computation
/// (``ReferenceAgentStateFacts``): occupancy and utilisation by every dimension of the log and pairs of them, filtered by
/// agent and period, on a generated log with intervals either side of local midnight and of a week's and a month's
/// start, every state, agents with only idle time (agent-days outside the base) and an agent never filtered in. The
/// same groups and n, values to 1e-9 relative, the same notes.
@Suite struct AgentStateEngineEquivalenceTests {
    typealias Random = CallEngineEquivalenceTests.Random
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let start = CallEngineEquivalenceTests.start

    static func log(count: Int, seed: UInt64) -> [AgentStateInterval] {
        var random = Random(state: seed)
        return (0..<count).map { _ in
            var seconds = Double(random.int(45 * 86_400))
            if random.chance(0.03) { seconds = Double(random.int(45)) * 86_400 - 1 }
            let from = start.addingTimeInterval(seconds)
            // A6 logs only auxiliary time: its agent-days have no occupancy base.
            let agent = random.pick(["A1", "A2", "A3", "A4", "A5", "A6"])
            let state = agent == "A6" ? AgentState.aux : random.pick(AgentState.allCases)
            return AgentStateInterval(agent: agent, state: state, start: from, end: from.addingTimeInterval(Double(1 + random.int(5_400)) / 4))
        }
    }

    static let dimensionSets: [[CallDimension]] = [[], [.agent], [.hour], [.day], [.week], [.month], [.agent, .day], [.month, .agent], [.week, .hour]]

    static let queries: [ProcessQuery] = [
        ProcessQuery(),
        ProcessQuery(filter: CallFilter(agents: ["A1", "A6"])),
        ProcessQuery(filter: CallFilter(agents: ["nobody"])),
        ProcessQuery(from: start.addingTimeInterval(5 * 86_400), to: start.addingTimeInterval(20 * 86_400 + 1_800.5)),
        ProcessQuery(to: start.addingTimeInterval(9 * 86_400), minimumN: 12),
        ProcessQuery(filter: CallFilter(queues: ["PS"])),
    ]

    static func expectSameEverywhere(_ engine: AgentStateFacts, _ reference: ReferenceAgentStateFacts, _ context: String) {
        for kind in AgentMetric.Kind.allCases {
            for dimensions in dimensionSets + [[.queue]] {
                for (index, base) in queries.enumerated() {
                    var query = base
                    query.dimensions = dimensions
                    let label = "\(context): \(kind) by \(dimensions) query \(index)"
                    let metric = AgentMetric(kind: kind)
                    let a = PublicServiceEngineEquivalenceTests.outcome { () throws(OtklikError) in try engine.report(metric, query, minimumN: 3) }
                    let b = PublicServiceEngineEquivalenceTests.outcome { () throws(OtklikError) in try reference.report(metric, query, minimumN: 3) }
                    PublicServiceEngineEquivalenceTests.expectSame(a, b, label)
                }
            }
        }
    }

    /// The rows split across three threads too (``RowParts``: parts of 500 rows at least), each part's groups merged.
    @Test(arguments: [
        ScanOptions.default, ScanOptions(denseLimit: 1),
        ScanOptions(parallelism: 3, rowsPerThread: 500), ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500),
    ])
    func everyMetricEqualsTheReference(options: ScanOptions) {
        var engine = AgentStateFacts(timeZone: Self.berlin)
        engine.options = options
        var reference = ReferenceAgentStateFacts(timeZone: Self.berlin)
        // A later batch goes back in time.
        for batch in [Self.log(count: 3_000, seed: 31), Self.log(count: 1_000, seed: 32).map { interval in
            var earlier = interval
            earlier.start = interval.start.addingTimeInterval(-3 * 86_400)
            earlier.end = interval.end.addingTimeInterval(-3 * 86_400)
            return earlier
        }] {
            engine.append(batch)
            reference.append(batch)
        }
        #expect(engine.count == 4_000)
        Self.expectSameEverywhere(engine, reference, "denseLimit \(options.denseLimit), \(options.parallelism) threads")
        let occupancy = try? engine.report(AgentMetric(kind: .occupancy), ProcessQuery(dimensions: [.agent]), minimumN: 1)
        #expect(occupancy?.groups.map { $0.key["agent"] } == ["A1", "A2", "A3", "A4", "A5", "A6"])
        #expect(occupancy?.groups.last?.value.n == 0, "A6's agent-days have no occupancy base")
    }

    @Test func anEmptyLogEqualsTheReference() {
        Self.expectSameEverywhere(AgentStateFacts(timeZone: Self.berlin), ReferenceAgentStateFacts(timeZone: Self.berlin), "empty")
    }
}
