import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Issue 20 item 6: maturity assessments on both engines — stored whole and read back in the catalogue's order, a
/// retry of the same content stores nothing, a new one keeps the previous for the comparison, a refused one writes
/// nothing; the evidence Otklik holds (3f, 3h, 4d, 6f) computed from the store.
@Suite struct MaturityContractTests {
    static let t0 = ISO8601DateFormatter().date(from: "2026-11-20T09:00:00Z")!

    static func assessment(_ scores: [(String, Int?, String)], scorer: String = "anna", at: Date = t0) -> MaturityAssessment {
        MaturityAssessment(id: "", takenAt: at, scorer: scorer, items: scores.map { MaturityItemScore(itemId: $0.0, score: $0.1, evidence: $0.2) })
    }

    static func count(_ database: AppDatabase) async throws -> (Int, Int) {
        let assessments = try await database.sql.query("SELECT COUNT(*) AS n FROM maturity_assessments").first?.int("n") ?? -1
        let items = try await database.sql.query("SELECT COUNT(*) AS n FROM maturity_item_scores").first?.int("n") ?? -1
        return (assessments, items)
    }

    @Test(arguments: TestEngine.available)
    func storesKeepsThePreviousAndIgnoresARetry(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let repository = SQLMaturityRepository(database: database.sql)
            #expect(try await repository.latestTwo().current == nil)
            let first = Self.assessment([("3h", 2, " кейсы по жалобам "), ("1a", 3, ""), ("7e", nil, "позже")])
            guard case .created(let firstId) = try await repository.save(first, source: .file, now: Self.t0) else {
                Issue.record("not created")
                return
            }
            let stored = try #require(try await repository.latestTwo().current)
            #expect(stored.id == firstId && stored.scorer == "anna" && stored.takenAt == Self.t0)
            #expect(stored.items == [
                MaturityItemScore(itemId: "1a", score: 3, evidence: ""), MaturityItemScore(itemId: "3h", score: 2, evidence: "кейсы по жалобам"),
                MaturityItemScore(itemId: "7e", score: nil, evidence: "позже"),
            ])

            // The same content again (another scorer, another time, another order): nothing stored.
            let retry = Self.assessment([("1a", 3, ""), ("7e", nil, "позже"), ("3h", 2, "кейсы по жалобам")], scorer: "boris", at: Self.t0.addingTimeInterval(60))
            #expect(try await repository.save(retry, source: .file, now: Self.t0) == .unchanged(firstId))
            #expect(try await Self.count(database) == (1, 3))

            // A new assessment: the first stays as the previous.
            let second = Self.assessment([("1a", 4, ""), ("3h", 3, "")], at: Self.t0.addingTimeInterval(86_400))
            guard case .created(let secondId) = try await repository.save(second, source: .page, now: Self.t0) else {
                Issue.record("not created")
                return
            }
            let (current, previous) = try await repository.latestTwo()
            #expect(current?.id == secondId && previous?.id == firstId && current?.score("1a") == 4 && previous?.score("1a") == 3)
            #expect(try await Self.count(database) == (2, 5))

            // Back to the first scores later: stored (only the latest one counts as a retry).
            let third = Self.assessment([("1a", 3, ""), ("3h", 2, "кейсы по жалобам"), ("7e", nil, "позже")], at: Self.t0.addingTimeInterval(2 * 86_400))
            #expect(try await repository.save(third, source: .file, now: Self.t0) != .unchanged(firstId))
            #expect(try await repository.assessments().count == 3)
            // The second file retried later (dated before the latest): stored already.
            #expect(try await repository.save(second, source: .file, now: Self.t0) == .unchanged(secondId))
            #expect(try await repository.assessments().count == 3)

            // Refused: nothing is written.
            await #expect(throws: OtklikError.self) {
                try await repository.save(Self.assessment([("1a", 2, ""), ("1b", 5, "")]), source: .file, now: Self.t0)
            }
            await #expect(throws: OtklikError.self) {
                try await repository.save(Self.assessment([("1a", 2, ""), ("zz", 1, "")]), source: .file, now: Self.t0)
            }
            // A failure inside the transaction (an id already stored) rolls the whole assessment back.
            var clash = Self.assessment([("2a", 1, ""), ("2b", 2, "")])
            clash.id = secondId
            await #expect(throws: OtklikError.self) { try await repository.save(clash, source: .file, now: Self.t0) }
            #expect(try await Self.count(database) == (3, 8))
        }
    }

    @Test(arguments: TestEngine.available)
    func computesTheEvidenceOtklikHolds(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let sql = database.sql
            let now = Self.t0
            let ms = { (date: Date) in Int64(date.timeIntervalSince1970 * 1000) }
            let day = 86_400.0
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "S01", name: "Ирина", location: "L1"))
            for user in ["anna", "boris", "vera", "gleb"] {
                try await database.access.createUser(username: user, passwordHash: "x", role: .manager)
            }
            // 3f: anna today (twice) and 3 days ago, boris 5 days ago, vera 10 days ago, gleb 30 days ago (outside 4 weeks).
            let repository = SQLMaturityRepository(database: sql)
            for (user, daysAgo) in [("anna", 0.0), ("anna", 0), ("anna", 3), ("boris", 5), ("vera", 10), ("gleb", 30), ("ghost", 1)] {
                try await repository.recordDashboardVisit(username: user, at: now.addingTimeInterval(-daysAgo * day))
            }
            // 4d: 5 feedback in the window, 2 linked to a customer; one older linked one outside the window.
            try await sql.execute("INSERT INTO customers (id, created_at) VALUES ('c1', 0)")
            for (index, (daysAgo, customer)) in [(1.0, "c1"), (2, nil), (3, "c1"), (10, nil), (80, nil), (100, "c1")].enumerated() {
                try await sql.execute(
                    "INSERT INTO feedback (id, ts, channel, kind, customer_id, received_at) VALUES (?, ?, 'web', ?, ?, ?)",
                    [.text("f\(index)"), .int(ms(now.addingTimeInterval(-daysAgo * day))), .text(index < 4 ? "complaint" : "rating"),
                     customer.map { .text($0) } ?? .null, .int(ms(now))])
            }
            // 3h: complaint cases — answered (first response), called back, neither; a low-score case and an old one don't count.
            let cases: [(String, String?, String, Int64?, Int64?, Double)] = [
                ("k1", "f0", "complaint", ms(now), nil, 1), ("k2", "f1", "complaint", nil, ms(now), 2), ("k3", "f2", "complaint", nil, nil, 3),
                ("k4", "f4", "low_score", nil, nil, 4), ("k5", "f5", "complaint", nil, nil, 100),
            ]
            for (id, feedback, kind, response, callBack, daysAgo) in cases {
                let opened = ms(now.addingTimeInterval(-daysAgo * day))
                try await sql.execute(
                    "INSERT INTO cases (id, feedback_id, status, opened_at, due_at, kind, first_response_at, called_back_at) VALUES (?, ?, 'new', ?, ?, ?, ?, ?)",
                    [.text(id), feedback.map { .text($0) } ?? .null, .int(opened), .int(opened), .text(kind), response.map { .int($0) } ?? .null,
                     callBack.map { .int($0) } ?? .null])
            }
            // 6f: two active journeys (owner known / unknown user), one inactive.
            for (code, kind, owner, active) in [("j1", "staff", "S01", 1), ("j2", "user", "nobody", 1), ("j3", "user", "anna", 0)] {
                try await sql.execute(
                    "INSERT INTO journeys (code, name_ru, name_en, owner_kind, owner_id, north_star, active, updated_at) VALUES (?, ?, ?, ?, ?, '', ?, 0)",
                    [.text(code), .text(code), .text(code), .text(kind), .text(owner), .int(Int64(active))])
            }
            let evidence = Dictionary(uniqueKeysWithValues: try await repository.evidence(now: now).map { ($0.itemId, $0) })
            let usage = try #require(evidence["3f"])
            // Weeks (oldest first): days 21-27 none, 14-20 none, 7-13 vera, 0-6 anna and boris; ghost is no user.
            #expect(usage.weeklyUsers == [0, 0, 1, 2] && usage.successes == 2 && usage.n == 4 && usage.share == 0.5)
            let complaints = try #require(evidence["3h"])
            #expect(complaints.successes == 2 && complaints.n == 3 && complaints.interval != nil)
            let linked = try #require(evidence["4d"])
            #expect(linked.successes == 2 && linked.n == 5)
            let journeys = try #require(evidence["6f"])
            #expect(journeys.successes == 1 && journeys.n == 2 && journeys.share == 0.5)
        }
    }
}
