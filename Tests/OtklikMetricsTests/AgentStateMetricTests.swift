import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Occupancy and utilisation from an agent-state log, with the delta-method interval over agent-days.
@Suite struct AgentStateMetricTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let monday = Date(timeIntervalSince1970: 1_772_445_600)  // 2026-03-02 10:00 UTC

    static func interval(_ agent: String, _ state: AgentState, day: Double, startHour: Double, minutes: Double) -> AgentStateInterval {
        let start = monday.addingTimeInterval(day * 86_400 + startHour * 3600)
        return AgentStateInterval(agent: agent, state: state, start: start, end: start.addingTimeInterval(minutes * 60))
    }

    /// A on day 0: handling 60, wrap 12, available 48, aux 30 (handle 72, occupancy base 120, logged 150).
    /// B on day 0: handling 90, available 30, aux 0 (handle 90, base 120, logged 120).
    /// A on day 1: handling 30, available 90, aux 60 (handle 30, base 120, logged 180).
    static let log: [AgentStateInterval] = [
        interval("A", .handling, day: 0, startHour: 0, minutes: 60), interval("A", .wrap, day: 0, startHour: 1, minutes: 12),
        interval("A", .available, day: 0, startHour: 1.2, minutes: 48), interval("A", .aux, day: 0, startHour: 2, minutes: 30),
        interval("B", .handling, day: 0, startHour: 0, minutes: 90), interval("B", .available, day: 0, startHour: 1.5, minutes: 30),
        interval("A", .handling, day: 1, startHour: 0, minutes: 30), interval("A", .available, day: 1, startHour: 0.5, minutes: 90),
        interval("A", .aux, day: 1, startHour: 2, minutes: 60),
    ]

    func report(_ kind: AgentMetric.Kind, by dimensions: [CallDimension] = [], agents: Set<String> = []) throws -> MetricReport {
        var facts = AgentStateFacts(timeZone: Self.utc)
        facts.append(Self.log)
        return try facts.report(AgentMetric(kind: kind), ProcessQuery(dimensions: dimensions, filter: CallFilter(agents: agents)), minimumN: 1)
    }

    @Test func occupancyIsHandleOverHandlePlusIdle() throws {
        let overall = try report(.occupancy).overall
        #expect(overall.n == 3)  // agent-days
        #expect(abs(try #require(overall.value) - 100 * 192.0 / 360) < 1e-9)
        // Delta method by hand: R = 192/360; residuals y − R·x = 72 − 64, 90 − 64, 30 − 64 = 8, 26, −34;
        // Σ² = 64 + 676 + 1156 = 1896; Var = 1896/(2·3·120²) = 0.021944…; t(0.975, 2) = 4.302653.
        let margin = 4.302652729911275 * (1896.0 / (2 * 3 * 120 * 120)).squareRoot()
        let interval = try #require(RatioInterval.delta(numerators: [72, 90, 30], denominators: [120, 120, 120]))
        #expect(abs(interval.high - (192.0 / 360 + margin)) < 1e-6)
        #expect(abs(interval.low - (192.0 / 360 - margin)) < 1e-6)
        // Three agent-days this different give an interval wider than the scale: the report clamps it to 0-100 %.
        #expect(overall.ciLow == 0)
        #expect(overall.ciHigh == 100)
    }

    @Test func utilisationCountsAuxiliaryTimeInTheBase() throws {
        let overall = try report(.utilisation).overall
        #expect(abs(try #require(overall.value) - 100 * 192.0 / 450) < 1e-9)
        let byAgent = try report(.utilisation, by: [.agent])
        let b = try #require(byAgent.groups.first { $0.key["agent"] == "B" })
        #expect(b.value.n == 1)
        #expect(abs(try #require(b.value.value) - 75) < 1e-9)
        #expect(b.value.ciLow == nil)  // one agent-day: no interval
        let onlyA = try report(.utilisation, agents: ["A"]).overall
        #expect(abs(try #require(onlyA.value) - 100 * 102.0 / 330) < 1e-9)
    }

    @Test func refusesDimensionsTheLogDoesNotHave() {
        #expect(throws: OtklikError.self) { try report(.occupancy, by: [.queue]) }
    }
}
