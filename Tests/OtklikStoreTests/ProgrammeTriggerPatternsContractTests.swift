import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// The programme triggers of issue 19 item 2 that follow records rather than answers and cases, on every engine: a
/// service request still open past its term in working days (a holiday moves the deadline; completed requests, other
/// services and requests stalled before the programme existed trigger nothing) fires once per request; a lapsing
/// regular fires once per lapse and their next purchase re-arms them; a customer's first purchase fires once from the
/// feed (a refund is not a purchase, history dated before the programme welcomes nobody, a replay adds nothing); the
/// `clv` outcome matches an independent SciPy computation (scripts/reference/programme_clv.py).
@Suite struct ProgrammeTriggerPatternsContractTests {
    typealias Base = ProgrammeContractTests
    typealias Rounds = ProgrammeRoundsContractTests
    typealias Fixture = FeedbackRepositoryContractTests
    static let t0 = Base.t0, now = Base.now, moscow = Base.moscow
    /// t0's day in Moscow: Wednesday 2026-02-25.
    static let wednesday = 20509

    static func programme(_ code: String, trigger: ProgrammeTrigger, stall: ServiceRequestStall? = nil, pattern: PurchasePattern? = nil) -> Programme {
        var programme = Rounds.message(code, trigger: trigger)
        programme.stall = stall
        programme.purchasePattern = pattern
        return programme
    }

    /// `now` on the organisation's day `day` (11:13 in Moscow).
    static func at(_ day: Int) -> Date { now.addingTimeInterval(Double(day - wednesday) * 86_400) }

    @Test(arguments: TestEngine.available)
    func aStalledRequestFiresOncePerRequestOnTheWorkingDayCalendar(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme("stalled", trigger: .serviceRequestStalled, stall: ServiceRequestStall(workingDays: 2, services: ["passport"]))
            let created = Self.t0.addingTimeInterval(-86_400)  // Tuesday 2026-02-24
            try await programmes.create(programme, now: created)
            let (treated, _) = try await Rounds.seedCustomers(database, programme: "stalled", treated: 2)
            let a = treated[0], b = treated[1]
            // Thursday 2026-02-26 is a holiday: two working days after Wednesday end on Monday 2026-03-02, not on Friday.
            try await database.process.setCalendarDays([CalendarDay(date: "2026-02-26", working: false, name: "holiday")])
            _ = try await database.process.insert([
                ServiceRequest(id: "r1", service: "passport", channel: .web, customer: a, submittedAt: Self.t0, status: .open),
                ServiceRequest(id: "r2", service: "passport", channel: .web, customer: b, submittedAt: Self.t0, status: .completed,
                               closedAt: Self.t0.addingTimeInterval(5 * 86_400)),
                ServiceRequest(id: "r3", service: "licence", channel: .web, customer: a, submittedAt: Self.t0, status: .open),
                // Stalled on 2026-02-10, before the programme existed.
                ServiceRequest(id: "r4", service: "passport", channel: .web, customer: b, submittedAt: Self.t0.addingTimeInterval(-20 * 86_400), status: .open),
            ], createMissingReferences: true)

            var fired: [Int?] = []
            for day in [20514, 20515, 20515, 20516] {  // Monday, Tuesday (twice), Wednesday
                fired.append(try await programmes.evaluateStalledRequests(
                    programme, day: day, createdAt: created, organisationZone: Self.moscow, now: Self.at(day)))
            }
            #expect(fired == [0, 1, nil, 0])
            let actions = try await programmes.actions(programme: "stalled")
            #expect(actions.map(\.triggerKey) == ["service_request_stalled:r1"] && actions.map(\.customer) == [a])
            #expect(try await Rounds.messageCount(database, "stalled") == 1)
            #expect(try await programmes.contacts(of: a, since: .distantPast).count == 1)
            // The request completed later changes nothing already done; a programme created after the stall would not fire.
            let later = Self.programme("stalled-later", trigger: .serviceRequestStalled, stall: ServiceRequestStall(workingDays: 2))
            try await programmes.create(later, now: Self.at(20516))
            #expect(try await programmes.evaluateStalledRequests(
                later, day: 20516, createdAt: Self.at(20516), organisationZone: Self.moscow, now: Self.at(20516)) == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func aLapsingRegularFiresOncePerLapseAndTheirNextPurchaseReArms(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme("lapse", trigger: .purchasePattern, pattern: PurchasePattern(pattern: .overdueRepeat, factor: 2))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let (treated, _) = try await Rounds.seedCustomers(database, programme: "lapse", treated: 2)
            let a = treated[0], b = treated[1]
            func purchase(_ id: String, _ customer: String, day: Int, amount: Double = 100) -> Transaction {
                Transaction(id: id, ts: Self.t0.addingTimeInterval(Double(day) * 86_400), customer: customer, amount: amount)
            }
            // a: days 0, 10, 20 and two on day 20 (one occasion): median 10, a lapse beyond 20 days. b: two occasions only.
            _ = try await database.transactions.insert(
                [purchase("a0", a, day: 0), purchase("a1", a, day: 10), purchase("a2", a, day: 20), purchase("a2b", a, day: 20, amount: 40),
                 purchase("b0", b, day: 0), purchase("b1", b, day: 10), purchase("b-refund", b, day: 11, amount: -30)],
                createMissingReferences: false)
            var fired: [Int?] = []
            for offset in [40, 41, 41, 42] {
                fired.append(try await programmes.evaluateLapses(
                    programme, day: Self.wednesday + offset, organisationZone: Self.moscow, now: Self.at(Self.wednesday + offset)))
            }
            #expect(fired == [0, 1, nil, 0], "day 40: 20 days since day 20, not beyond 2 × 10; day 41: 21")
            // The next purchase (day 50) re-arms a: intervals 10, 10, 30 (median 10); day 71 is 21 days after it.
            _ = try await database.transactions.insert([purchase("a3", a, day: 50)], createMissingReferences: false)
            for offset in [51, 70, 71, 72] {
                fired.append(try await programmes.evaluateLapses(
                    programme, day: Self.wednesday + offset, organisationZone: Self.moscow, now: Self.at(Self.wednesday + offset)))
            }
            #expect(fired == [0, 1, nil, 0, 0, 0, 1, 0])
            let keys = try await programmes.actions(programme: "lapse").map(\.triggerKey).sorted()
            #expect(keys == ["purchase_lapse:\(a):2026-03-17", "purchase_lapse:\(a):2026-04-16"])
            #expect(try await Rounds.messageCount(database, "lapse") == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func aFirstPurchaseFiresOnceFromTheFeed(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            let programme = Self.programme("welcome", trigger: .purchasePattern, pattern: PurchasePattern(pattern: .firstPurchase))
            try await programmes.create(programme, now: Self.t0.addingTimeInterval(-86_400))
            let (treated, _) = try await Rounds.seedCustomers(database, programme: "welcome", treated: 3)
            let a = treated[0], b = treated[1], c = treated[2]
            func transaction(_ id: String, _ customer: String, days: Double, amount: Double = 100) -> Transaction {
                Transaction(id: id, ts: Self.t0.addingTimeInterval(days * 86_400), customer: customer, amount: amount)
            }
            _ = try await database.transactions.insert(
                [transaction("a1", a, days: 0), transaction("a2", a, days: 1),
                 // b bought long before the programme (history): their purchase today is not a first.
                 transaction("b0", b, days: -30), transaction("b1", b, days: 2),
                 // c's refund is not a purchase: their first purchase is on day 3.
                 transaction("c0", c, days: 0, amount: -50), transaction("c1", c, days: 3)],
                createMissingReferences: false)
            func step() async throws -> Int {
                try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Self.moscow, now: Self.now).handled
            }
            _ = try await step()
            let actions = try await programmes.actions(programme: "welcome")
            #expect(Set(actions.map(\.triggerKey)) == ["first_purchase:\(a)", "first_purchase:\(c)"])
            #expect(try await Rounds.messageCount(database, "welcome") == 2)
            // Another purchase and a replay of the feed: nothing more.
            _ = try await database.transactions.insert([transaction("a3", a, days: 4)], createMissingReferences: false)
            _ = try await step()
            try await database.sql.execute("DELETE FROM feed_consumers WHERE name = 'programmes'", [])
            _ = try await step()
            #expect(try await programmes.actions(programme: "welcome").count == 2)
            #expect(try await Rounds.messageCount(database, "welcome") == 2)
        }
    }

    /// Knuth's MMIX linear congruential generator, drawing the high 31 bits (as scripts/reference/programme_clv.py does).
    struct LCG {
        var x: UInt64
        mutating func next() -> Int {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(x >> 33)
        }
    }

    /// scripts/reference/programme_clv.py's population: 120 customers buying at noon UTC from 2026-01-01 (day 20454) to
    /// day + 120, and V120 whose only purchase is on day + 90.
    static func clvPopulation() -> [Transaction] {
        let start = 20_454
        var g = LCG(x: 2026)
        var items: [Transaction] = []
        func noon(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400 + 43_200) }
        for i in 0..<120 {
            let customer = String(format: "V%03d", i)
            let gap = [3, 7, 14, 28, 56][g.next() % 5]
            let drop = [1, 2, 4][g.next() % 3]
            let base = 20 + g.next() % 300
            var day = start + g.next() % 17
            var n = 0
            while day <= start + 120 {
                let u = g.next() % 100
                items.append(Transaction(id: "\(customer)-\(n)", ts: noon(day), customer: customer, amount: Double(1 + base * u * u / 2500)))
                n += 1
                if g.next() % 10 < drop { break }
                day += 1 + g.next() % (2 * gap)
            }
        }
        items.append(Transaction(id: "V120-0", ts: noon(start + 90), customer: "V120", amount: 500))
        return items
    }

    @Test(arguments: TestEngine.available)
    func theClvOutcomeIsEachCustomersModelValueAtTheirWindowsEnd(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes
            var programme = Self.programme("clv", trigger: .detractorAnswer)
            programme.outcome = .clv
            programme.outcomeDays = 30
            try await programmes.create(programme, now: Self.t0)
            _ = try await database.transactions.insert(Self.clvPopulation(), createMissingReferences: true)
            // Customers 0-23 enrolled on day 20474 + i % 4 (V120 on 20474), held out when i % 3 == 0: 17 treated, 8 held out.
            let enrolled = (0..<24).map { (String(format: "V%03d", $0), $0 % 3 == 0 ? "holdout" : "treated", 20_474 + $0 % 4) } + [("V120", "treated", 20_474)]
            for (customer, arm, day) in enrolled {
                try await database.sql.execute(
                    "INSERT INTO programme_enrolments (id, programme_code, customer_id, assigned_to, arm, first_eligible_at) VALUES (?, 'clv', ?, ?, ?, ?)",
                    [.text("enr-" + customer), .text(customer), .text(customer), .text(arm), .int(Int64(day) * 86_400_000 + 43_200_000)])
            }
            let report = try await programmes.report(code: "clv", now: Date(timeIntervalSince1970: 20_700 * 86_400))
            // scripts/reference/programme_clv.py (SciPy fit, hyp2f1, Welch): treated 17 × 1139.32, held out 8 × 2179.33,
            // effect −1040.01 [−2977.64; 897.61], p = 0.259.
            func close(_ value: Double?, _ expected: Double, _ tolerance: Double) -> Bool { value.map { abs($0 - expected) <= tolerance } ?? false }
            #expect(report.treated.n == 17 && report.holdout.n == 8)
            #expect(close(report.treated.value, 1139.32, 2), "\(report)")
            #expect(close(report.holdout.value, 2179.33, 2), "\(report)")
            #expect(close(report.effect, -1040.01, 3) && close(report.ciLow, -2977.64, 5) && close(report.ciHigh, 897.61, 5), "\(report)")
            #expect(close(report.pValue, 0.259, 0.002) && report.test != nil && !report.harmful, "\(report)")
            // Too few customers for the model: no values (the report then has no observations).
            #expect(ProgrammeCLVOutcome.values(ends: ["V000": 20_504], purchases: [Purchase(customer: "V000", day: 20_454, amount: 10)]) == nil)
        }
    }
}
