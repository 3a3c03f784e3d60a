import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Seed 000's public-service KPIs and the working-day calendar on hand-computed cases.
@Suite struct PublicServiceKPITests {
    static let utc = TimeZone(identifier: "UTC")!

    /// 2026-03-02 (a Monday) 10:00 UTC plus `days`, `hours`.
    static func at(days: Double = 0, hours: Double = 0) -> Date {
        Date(timeIntervalSince1970: 1_772_445_600 + days * 86_400 + hours * 3600)
    }

    @Test func calendarCountsWorkingDaysAfterTheDayOfReceipt() throws {
        let monday = try #require(LocalCalendar.day(parsing: "2026-03-02"))
        let plain = WorkingCalendar()
        #expect(LocalCalendar.label(day: plain.workingDay(3, after: monday)) == "2026-03-05")  // Tue, Wed, Thu
        let friday = monday + 4
        #expect(LocalCalendar.label(day: plain.workingDay(3, after: friday)) == "2026-03-11")  // Mon 9, Tue 10, Wed 11
        // Monday 9 March a holiday (8 March fell on a Sunday), Saturday 14 March worked in its place.
        let russian = WorkingCalendar([
            CalendarDay(date: "2026-03-09", working: false, name: "Women's Day, moved"),
            CalendarDay(date: "2026-03-14", working: true),
        ])
        #expect(!russian.isWorking(monday + 7))
        #expect(russian.isWorking(monday + 12))
        #expect(LocalCalendar.label(day: russian.workingDay(3, after: friday)) == "2026-03-12")  // Tue 10, Wed 11, Thu 12
        #expect(LocalCalendar.label(day: russian.workingDay(5, after: friday)) == "2026-03-14")  // …, Fri 13, Sat 14 (worked)
        #expect(russian.workingDay(0, after: friday) == friday)
    }

    static func email(_ id: String, arrivedDays: Double, answeredAfterHours: Double?, service: String = "S1") -> Interaction {
        Interaction(
            id: id, channel: .email, service: service, arrivedAt: at(days: arrivedDays), outcome: answeredAfterHours == nil ? .abandoned : .answered,
            waitSeconds: (answeredAfterHours ?? 1) * 3600)
    }

    @Test func emailAnsweredWithinWorkingDaysHonoursHolidays() throws {
        // Received Friday 6 March 10:00. With 9 March a holiday the 3rd working day is Thursday 12 March.
        var calls = CallFacts(timeZone: Self.utc)
        calls.append([
            Self.email("e1", arrivedDays: 4, answeredAfterHours: 24 * 6 - 1),  // Thu 12, 09:00: in time
            Self.email("e2", arrivedDays: 4, answeredAfterHours: 24 * 7),  // Fri 13: late
            Self.email("e3", arrivedDays: 0, answeredAfterHours: 2),  // same day: in time
            Self.email("e4", arrivedDays: 0, answeredAfterHours: nil),  // never answered, term over by "now": late
            Self.email("e5", arrivedDays: 10, answeredAfterHours: nil),  // Thu 12, unanswered, still within term at "now"
        ])
        var facts = PublicServiceFacts(timeZone: Self.utc)
        facts.calendar = WorkingCalendar([CalendarDay(date: "2026-03-09", working: false)])
        let now = Self.at(days: 11)
        let report = try facts.report(PublicServiceKPI(kind: .emailAnswered), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        #expect(report.overall.n == 4)
        #expect(abs(try #require(report.overall.value) - 50) < 1e-9)
        #expect(report.notes.contains("unanswered e-mails still within their term, left out: 1"))
        // Without the holiday the 3rd working day after Friday is Wednesday 11: e1 is late too.
        facts.calendar = WorkingCalendar()
        let plain = try facts.report(PublicServiceKPI(kind: .emailAnswered), ProcessQuery(), calls: calls, now: now, minimumN: 1)
        #expect(abs(try #require(plain.overall.value) - 25) < 1e-9)
    }

    @Test func phoneAnsweredWithinSixtySecondsCountsAbandonsInTheBase() throws {
        var calls = CallFacts(timeZone: Self.utc)
        calls.append([
            Interaction(id: "p1", channel: .callCenter, arrivedAt: Self.at(), outcome: .answered, waitSeconds: 60, talkSeconds: 1),
            Interaction(id: "p2", channel: .callCenter, arrivedAt: Self.at(), outcome: .answered, waitSeconds: 61, talkSeconds: 1),
            Interaction(id: "p3", channel: .callCenter, arrivedAt: Self.at(), outcome: .abandoned, waitSeconds: 5),
            Interaction(id: "p4", channel: .callCenter, arrivedAt: Self.at(), outcome: .selfService),
            Interaction(id: "c1", channel: .chat, arrivedAt: Self.at(), outcome: .answered, waitSeconds: 1),
        ])
        let report = try PublicServiceFacts(timeZone: Self.utc).report(
            PublicServiceKPI(kind: .phoneAnswered), ProcessQuery(), calls: calls, now: Self.at(days: 30), minimumN: 1)
        #expect(report.overall.n == 3)
        #expect(abs(try #require(report.overall.value) - 100.0 / 3) < 1e-9)
    }

    static func request(
        _ id: String, service: String = "passport", channel: Channel = .web, customer: String? = nil, status: RequestStatus = .completed,
        cost: Double? = nil, days: Double = 0
    ) -> ServiceRequest {
        ServiceRequest(
            id: id, service: service, location: "L1", channel: channel, customer: customer, submittedAt: at(days: days), status: status,
            closedAt: status == .open ? nil : at(days: days + 1), cost: cost)
    }

    static let requests: [ServiceRequest] = [
        request("r1", channel: .web, customer: "c1", cost: 100),
        request("r2", channel: .other, customer: "c2", cost: 300),
        request("r3", channel: .mobileApp, customer: "c1", status: .rejected),
        request("r4", service: "tax", channel: .other, status: .open),
        request("r5", service: "tax", channel: .web, customer: "c3"),
    ]

    func report(_ kind: PublicServiceKPI.Kind, by dimensions: [CallDimension] = [], calls: [Interaction] = []) throws -> MetricReport {
        var facts = PublicServiceFacts(timeZone: Self.utc)
        facts.append(Self.requests)
        var contacts = CallFacts(timeZone: Self.utc)
        contacts.append(calls)
        return try facts.report(PublicServiceKPI(kind: kind), ProcessQuery(dimensions: dimensions), calls: contacts, now: Self.at(days: 30), minimumN: 1)
    }

    @Test func requestShares() throws {
        let completion = try report(.completion, by: [.service])
        #expect(completion.overall.n == 5)
        #expect(abs(try #require(completion.overall.value) - 60) < 1e-9)  // r1, r2, r5 of five
        let passport = try #require(completion.groups.first { $0.key["service"] == "passport" })
        #expect(passport.value.n == 3)
        #expect(abs(try #require(passport.value.value) - 200.0 / 3) < 1e-9)
        let online = try report(.onlineShare)
        #expect(abs(try #require(online.overall.value) - 60) < 1e-9)  // r1 web, r3 app, r5 web
        let interval = try #require(ProportionInterval.wilson(successes: 3, n: 5))
        #expect(abs(try #require(online.overall.ciLow) - 100 * interval.low) < 1e-9)
    }

    @Test func costAndContactsPerCompletedRequest() throws {
        let cost = try report(.costPerService)
        #expect(cost.overall.n == 2)  // r5 completed without a cost is left out and counted
        #expect(cost.overall.value == 200)
        #expect(cost.notes.contains("completed requests without a recorded cost, left out: 1"))
        let calls = [
            Interaction(id: "a", channel: .callCenter, arrivedAt: Self.at(), outcome: .answered, waitSeconds: 1, request: "r1"),
            Interaction(id: "b", channel: .callCenter, arrivedAt: Self.at(), outcome: .abandoned, waitSeconds: 9, request: "r1"),
            Interaction(id: "c", channel: .email, arrivedAt: Self.at(), outcome: .answered, waitSeconds: 9, request: "r1"),
            Interaction(id: "d", channel: .callCenter, arrivedAt: Self.at(), outcome: .answered, waitSeconds: 1, request: "r3"),
        ]
        let contacts = try report(.contactsPerRequest, calls: calls)
        // Completed r1 (3 contacts), r2 (none: its submission, 1), r5 (1): mean 5/3; r3 was rejected.
        #expect(contacts.overall.n == 3)
        #expect(abs(try #require(contacts.overall.value) - 5.0 / 3) < 1e-9)
        let expected = try #require(MeanInterval.t(sum: 5, sumOfSquares: 11, n: 3))
        #expect(abs(try #require(contacts.overall.ciHigh) - expected.high) < 1e-9)
    }

    @Test func platformUsersAreDistinctOnlineCustomers() throws {
        let calls = [
            Interaction(id: "x", channel: .mobileApp, customer: "c9", arrivedAt: Self.at(), outcome: .selfService),
            Interaction(id: "y", channel: .web, customer: "c1", arrivedAt: Self.at(), outcome: .selfService),
            Interaction(id: "z", channel: .callCenter, customer: "c8", arrivedAt: Self.at(), outcome: .answered, waitSeconds: 1),
        ]
        let users = try report(.platformUsers, calls: calls)
        #expect(users.overall.value == 3)  // c1 (twice), c3, c9; c2 and c8 offline only
        #expect(users.overall.ciLow == nil)
    }

    @Test func requestKPIsRefuseContactDimensions() {
        #expect(throws: OtklikError.self) { try report(.completion, by: [.queue]) }
    }

    @Test func parserReadsParameters() throws {
        let parser = PublicServiceQueryParser(timeZone: Self.utc)
        guard case .publicService(let kpi, let query) = try parser.parse([
            "metric": "email_answered", "working_days": "5", "by": "service,month", "location": "L1,L2",
        ]) else { Issue.record("not a public-service KPI"); return }
        #expect(kpi.emailWorkingDays == 5)
        #expect(kpi.definition.contains("5th working day"))
        #expect(query.dimensions == [.service, .month])
        #expect(query.filter.locations == ["L1", "L2"])
        #expect(throws: OtklikError.self) { try parser.parse(["metric": "phone_answered", "threshold": "-1"]) }
        #expect(throws: OtklikError.self) { try parser.parse(["metric": "nope"]) }
        guard case .agent(let metric, _) = try parser.parse(["metric": "occupancy"]) else { Issue.record("not an agent metric"); return }
        #expect(metric.kind == .occupancy)
    }
}
