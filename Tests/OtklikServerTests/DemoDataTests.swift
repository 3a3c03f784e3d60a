import Foundation
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// The demo year is deterministic and carries the patterns a manager should find.
@Suite struct DemoDataTests {
    static let end = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23

    static func generate(_ count: Int, seed: UInt64 = 2026) -> [Feedback] {
        var generator = DemoFeedbackGenerator(seed: seed, end: end)
        return (1...count).map { generator.make(index: $0) }
    }

    @Test func sameSeedSameData() {
        #expect(Self.generate(500) == Self.generate(500))
        #expect(Self.generate(500) != Self.generate(500, seed: 7))
    }

    @Test func everyRecordIsValidAndInTheYear() throws {
        for item in Self.generate(5_000) {
            try item.validate(now: Self.end)
            #expect(item.ts < Self.end && item.ts >= Self.end.addingTimeInterval(-365 * 86_400))
        }
    }

    @Test func plantedPatternsAreThere() {
        var table = FeedbackTable(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        for item in Self.generate(60_000) { table.append(FeedbackFact(item)) }
        let byLocation = table.tally(FeedbackQuery(groupBy: [.location]))
        let nps = Dictionary(uniqueKeysWithValues: byLocation.groups.map { ($0.key[0], $0.tally.evaluate(.nps).value ?? 0) })
        #expect(nps.min { $0.value < $1.value }?.key == "L07", "the weak location has the lowest NPS")
        let byStaff = table.tally(FeedbackQuery(groupBy: [.staff]))
        let staffNPS = byStaff.groups.map { ($0.key[0], $0.tally.evaluate(.nps).value ?? 0) }.sorted { $0.1 < $1.1 }
        #expect(Set(staffNPS.prefix(2).map(\.0)) == ["S013", "S052"], "the two weak staff members are at the bottom")
        let byService = table.tally(FeedbackQuery(groupBy: [.service]))
        let ces = byService.groups.map { ($0.key[0], $0.tally.evaluate(.ces).value ?? 7) }
        #expect(ces.min { $0.1 < $1.1 }?.0 == "SV07", "the hard service has the worst CES")
        let byMonth = table.tally(FeedbackQuery(groupBy: [.month]))
        let monthly = Dictionary(uniqueKeysWithValues: byMonth.groups.map { ($0.key[0], $0.tally.evaluate(.nps).value ?? 0) })
        #expect((monthly["2026-08"] ?? 100) < (monthly["2026-05"] ?? 0) - 10, "the summer dip")
        let channels = Set(byLocation.groups.isEmpty ? [] : table.tally(FeedbackQuery(groupBy: [.channel])).groups.map { $0.key[0] })
        #expect(channels == ["button", "terminal", "qr_web", "call_center", "chat"])
    }

    @Test func demoCallsAreValidAndWaitLongerInTheSummerDip() throws {
        var generator = DemoCallGenerator(seed: 2026, end: Self.end)
        let calls = (1...20_000).map { generator.make(index: $0) }
        for call in calls { try call.validate(now: Self.end) }
        var facts = CallFacts(timeZone: TimeZone(identifier: "Europe/Moscow")!)
        facts.append(calls)
        let asa = facts.report(CallMetric(kind: .asa), by: [.month], minimumN: 1)
        let byMonth = Dictionary(uniqueKeysWithValues: asa.groups.map { ($0.key["month"] ?? "", $0.value.value ?? 0) })
        #expect((byMonth["2026-08"] ?? 0) > 2 * (byMonth["2026-05"] ?? 100))
        // Some callers call back about the same topic (their problem was not solved): FCR near a real centre's 80 %,
        // not the 100 % that callers drawn at random from 30,000 gave.
        let fcr = facts.report(CallMetric(kind: .fcr), by: [], minimumN: 1).overall
        let share = try #require(fcr.value)
        #expect(share > 70 && share < 90, "FCR \(share) %")
        #expect(calls.allSatisfy { $0.arrivedAt <= Self.end })
        var again = DemoCallGenerator(seed: 2026, end: Self.end)
        #expect((1...100).map { again.make(index: $0) } == Array(calls.prefix(100)))
    }

    @Test func demoProcessIsValidAndStrainedInTheSummerDip() throws {
        let zone = TimeZone(identifier: "Europe/Moscow")!
        var generator = DemoProcessGenerator(seed: 2026, end: Self.end)
        let made = (1...6_000).map { generator.make(index: $0) }
        var calls = CallFacts(timeZone: zone)
        var requests = PublicServiceFacts(timeZone: zone)
        for (request, emails) in made {
            try request.validate(now: Self.end)
            for email in emails { try email.validate(now: Self.end) }
            calls.append(emails)
        }
        requests.append(made.map(\.request))
        requests.calendar = WorkingCalendar(DemoProcessGenerator.holidays(years: 2025...2026))
        let query = ProcessQuery(dimensions: [.month])
        let email = try requests.report(PublicServiceKPI(kind: .emailAnswered), query, calls: calls, now: Self.end, minimumN: 1)
        let inTime = Dictionary(uniqueKeysWithValues: email.groups.map { ($0.key["month"] ?? "", $0.value.value ?? 0) })
        #expect((inTime["2026-08"] ?? 100) < (inTime["2026-05"] ?? 0) - 10, "e-mails answered late in the summer dip")
        let completion = try requests.report(PublicServiceKPI(kind: .completion), ProcessQuery(), calls: calls, now: Self.end, minimumN: 1)
        #expect((70...95).contains(completion.overall.value ?? 0))
        var states = AgentStateFacts(timeZone: zone)
        let first = LocalCalendar.day(of: generator.moments.start, in: zone)
        for day in first...(first + 364) {
            let intervals = generator.agentStates(day: day)
            for interval in intervals { try interval.validate(now: Self.end) }
            states.append(intervals)
        }
        let occupancy = try states.report(AgentMetric(kind: .occupancy), query, minimumN: 1)
        let busy = Dictionary(uniqueKeysWithValues: occupancy.groups.map { ($0.key["month"] ?? "", $0.value.value ?? 0) })
        #expect((busy["2026-08"] ?? 0) > (busy["2026-05"] ?? 100) + 10, "agents busier in the summer dip")
        let holidays = DemoProcessGenerator.holidays(years: 2026...2026).map(\.date)
        #expect(holidays.contains("2026-03-09"), "8 March 2026 is a Sunday: the holiday moves to Monday")
        #expect(holidays.contains("2026-01-07"))
    }
}
