import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The five service-level definitions and the other KPIs on a hand-computed log.
@Suite struct ContactCentreMetricTests {
    static let t0 = Date(timeIntervalSince1970: 1_772_000_000)

    static func call(_ outcome: InteractionOutcome, wait: Double?, talk: Double? = nil, customer: String? = nil, topic: String = "PS",
                     minutes: Double = 0, transferred: Bool = false, queue: String = "Q1") -> CallFact {
        CallFact(Interaction(
            id: UUID().uuidString, channel: .callCenter, queue: queue, customer: customer, topic: topic,
            arrivedAt: t0.addingTimeInterval(minutes * 60), outcome: outcome, waitSeconds: wait, talkSeconds: talk, transferred: transferred))
    }

    /// Answered waits 0, 10, 20, 30, 60 (3 within T = 20: a wait of T counts); abandoned after 3, 15, 40
    /// (short ≤ 5: one; within T: two); one IVR-only contact, never offered.
    static let log: [CallFact] = [
        call(.answered, wait: 0, talk: 100), call(.answered, wait: 10, talk: 200, transferred: true), call(.answered, wait: 20, talk: 300),
        call(.answered, wait: 30, talk: nil), call(.answered, wait: 60, talk: 400),
        call(.abandoned, wait: 3), call(.abandoned, wait: 15), call(.abandoned, wait: 40), call(.selfService, wait: nil),
    ]

    func value(_ metric: CallMetric) -> MetricValue {
        var facts = CallFacts(timeZone: TimeZone(identifier: "UTC")!, facts: Self.log)
        return facts.report(metric, by: [], minimumN: 1).overall
    }

    @Test(arguments: [
        (CallMetric.ServiceLevelDefinition.answeredOrAbandonedWithin, 5.0, 8),  // (3 + 2)/8
        (.answered, 3.0, 5),  // 3/5
        (.offered, 3.0, 8),  // 3/8
        (.offeredWithoutEarlyAbandons, 3.0, 6),  // 3/(5 + 1)
        (.offeredWithoutShortAbandons, 3.0, 7),  // 3/(8 − 1)
    ])
    func serviceLevelDefinitions(definition: CallMetric.ServiceLevelDefinition, successes: Double, n: Int) throws {
        var metric = CallMetric(kind: .sl)
        metric.serviceLevel = definition
        let result = value(metric)
        #expect(result.n == n)
        #expect(abs(try #require(result.value) - 100 * successes / Double(n)) < 1e-9)
        #expect(metric.definition.contains("definition \(definition.number)"))
    }

    @Test func thresholdIsAParameter() {
        var metric = CallMetric(kind: .sl)
        metric.serviceLevel = .answered
        metric.threshold = 30
        #expect(value(metric).value == 80)  // 4 of 5 answered within 30 s
    }

    @Test func abandonmentWithAndWithoutShortAbandons() {
        var metric = CallMetric(kind: .abandonment)
        #expect(value(metric).value == 100 * 3.0 / 8)
        metric.abandonment = .withoutShort
        #expect(value(metric).value == 100 * 2.0 / 7)
        #expect(value(metric).n == 7)
    }

    @Test func asaAhtAndTransfer() throws {
        let asa = value(CallMetric(kind: .asa))
        #expect(asa.value == 24)  // (0 + 10 + 20 + 30 + 60)/5, zero waits count
        #expect(asa.n == 5)
        let aht = value(CallMetric(kind: .aht))
        #expect(aht.value == 250)  // (100 + 200 + 300 + 400)/4: one service time not recorded
        #expect(aht.n == 4)
        #expect(value(CallMetric(kind: .transfer)).value == 20)
    }

    @Test func firstContactResolution() throws {
        let log = [
            Self.call(.answered, wait: 5, customer: "A", minutes: 0),
            Self.call(.answered, wait: 5, customer: "A", minutes: 3 * 24 * 60),  // repeat within 7 days: the first was not resolved
            Self.call(.answered, wait: 5, customer: "A", topic: "NW", minutes: 60),  // another topic: resolved
            Self.call(.answered, wait: 5, customer: "B", minutes: 0),
            Self.call(.abandoned, wait: 50, customer: "B", minutes: 9 * 24 * 60),  // after 9 days: outside the window
            Self.call(.answered, wait: 5, customer: nil, minutes: 0),  // anonymous: excluded and counted
        ]
        var facts = CallFacts(timeZone: TimeZone(identifier: "UTC")!, facts: log)
        let report = facts.report(CallMetric(kind: .fcr), by: [], minimumN: 1)
        #expect(report.overall.n == 4)
        #expect(report.overall.value == 75)
        #expect(report.notes == ["anonymous answered contacts excluded: 1"])
        var narrow = CallMetric(kind: .fcr)
        narrow.fcrDays = 2
        #expect(facts.report(narrow, by: [], minimumN: 1).overall.value == 100)
    }

    @Test func groupsByQueueAndHour() {
        let log = [Self.call(.answered, wait: 0, minutes: 0, queue: "A"), Self.call(.answered, wait: 50, minutes: 61, queue: "B")]
        var facts = CallFacts(timeZone: TimeZone(identifier: "UTC")!, facts: log)
        let report = facts.report(CallMetric(kind: .asa), by: [.queue, .hour], minimumN: 1)
        #expect(report.groups.map(\.key) == [["queue": "A", "hour": "06"], ["queue": "B", "hour": "07"]])
        #expect(report.groups.map(\.value.value) == [0, 50])
    }

    @Test func erlangCAgainstTheTextbookCase() throws {
        // 360 calls an hour, AHT 240 s: A = 24 Erlangs (values from the factorial form of the formula)
        #expect(abs(try #require(ErlangC.waitProbability(agents: 28, traffic: 24)) - 0.33313852799272287) < 1e-9)
        #expect(abs(try #require(ErlangC.serviceLevel(agents: 28, traffic: 24, aht: 240, threshold: 20)) - 0.7612958139347513) < 1e-9)
        #expect(abs(try #require(ErlangC.averageSpeedOfAnswer(agents: 28, traffic: 24, aht: 240)) - 19.98831167956337) < 1e-9)
        #expect(ErlangC.waitProbability(agents: 24, traffic: 24) == nil)
        let staffing = try #require(ErlangC.staffing(callsPerHour: 360, aht: 240, targetServiceLevel: 0.8, threshold: 20, shrinkage: 0.3))
        #expect(staffing.agents == 29)
        #expect(abs(staffing.serviceLevel - 0.840283145662605) < 1e-9)
        #expect(staffing.scheduled == 42)  // 29/0.7 = 41.4
        #expect(abs(staffing.occupancy - 24.0 / 29) < 1e-12)
    }
}

@Suite struct ErlangComparisonTests {
    @Test func intervalsSetTheLogBesideTheModel() throws {
        let utc = TimeZone(identifier: "UTC")!
        let start = Date(timeIntervalSince1970: 1_772_006_400)  // 2026-02-25 08:00 UTC
        var interactions: [Interaction] = []
        // 08:00-09:00: 30 answered calls, 2 agents, AHT 120 s, waits 0-29 s; one IVR-only call
        for minute in 0..<30 {
            interactions.append(Interaction(
                id: "a\(minute)", channel: .callCenter, staff: minute % 2 == 0 ? "A1" : "A2", arrivedAt: start.addingTimeInterval(Double(minute) * 120),
                outcome: .answered, waitSeconds: Double(minute), talkSeconds: 120))
        }
        interactions.append(Interaction(id: "ivr", channel: .callCenter, arrivedAt: start, outcome: .selfService))
        // 09:00-10:00: calls without a recorded service time only: left out
        interactions.append(Interaction(id: "b", channel: .callCenter, staff: "A1", arrivedAt: start.addingTimeInterval(3_700), outcome: .answered, waitSeconds: 5))
        var facts = CallFacts(timeZone: utc)
        facts.append(interactions)
        let rows = facts.erlangComparison(intervalMinutes: 60, threshold: 20)
        #expect(rows.count == 1)
        let row = try #require(rows.first)
        #expect(row.start == "2026-02-25 08:00")
        #expect(row.offered == 30 && row.agents == 2)
        #expect(row.aht == 120)
        #expect(abs(row.traffic - 1.0) < 1e-12)  // 30 calls/h × 120 s
        #expect(abs(row.actualServiceLevel - 70) < 1e-9)  // waits 0-20 of 0-29: 21 of 30
        #expect(row.actualASA == 14.5)
        let predicted = try #require(ErlangC.serviceLevel(agents: 2, traffic: 1, aht: 120, threshold: 20))
        #expect(row.predictedServiceLevel == 100 * predicted)
    }
}
