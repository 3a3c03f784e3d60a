import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Employee experience on both engines: staff employment dates and the all-or-nothing staff import, pulse surveys
/// (one-time links, unlinkable answers, fixed settings), thanks and customer praise.
@Suite struct EmployeeExperienceContractTests {
    static let now = ISO8601DateFormatter().date(from: "2026-11-20T10:00:00Z")!

    static func seed(_ database: AppDatabase) async throws {
        try await database.reference.save(Location(code: "L1", name: "Офис"))
        try await database.reference.save(Location(code: "L2", name: "Офис 2"))
        var staff = (1...6).map { Staff(code: "A\($0)", name: "A\($0)", location: "L1", team: "T1", hiredOn: "2024-01-01") }
        staff += (1...2).map { Staff(code: "B\($0)", name: "B\($0)", location: "L2", team: "T2") }
        staff.append(Staff(code: "X1", name: "Ушедший", location: "L1", hiredOn: "2020-01-01", leftOn: "2026-01-31"))
        try await database.reference.save(staff: staff)
    }

    @Test(arguments: TestEngine.available)
    func staffDatesAndTheImportAreAllOrNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let stored = try await database.reference.staff()
            #expect(stored.first { $0.code == "X1" }?.leftOn == "2026-01-31" && stored.first { $0.code == "A1" }?.hiredOn == "2024-01-01")
            await #expect(throws: OtklikError.self) {
                try await database.reference.save(staff: [Staff(code: "N1", name: "N"), Staff(code: "N2", name: "N", hiredOn: "2026-02-01", leftOn: "2026-01-01")])
            }
            #expect(try await database.reference.staff().count == 9, "nothing of a refused import is stored")
        }
    }

    @Test(arguments: TestEngine.available)
    func aPulseSurveyKeepsAnswersApartFromPeople(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let pulse = database.pulseSurveys
            _ = try await pulse.save(PulseSurvey(code: "p", title: "Пульс", grouping: .team, minimumGroup: 5), now: Self.now)
            let links = try await pulse.start(code: "p", locations: nil, today: "2026-11-20", now: Self.now)
            #expect(links.count == 8, "not the former employee")
            await #expect(throws: OtklikError.self) { _ = try await pulse.save(PulseSurvey(code: "p", title: "Пульс", grouping: .location), now: Self.now) }
            for (index, link) in links.enumerated() where link.group == "T1" {
                #expect(try await pulse.answer(token: link.token, score: index + 4, comment: " c\(index) ") == .recorded)
            }
            #expect(try await pulse.answer(token: links[0].token, score: 0, comment: nil) == .alreadyAnswered)
            #expect(try await pulse.answer(token: "otp_nothing", score: 0, comment: nil) == .unknownLink)
            let fresh = try await pulse.reissue(code: "p")
            #expect(Set(fresh.map(\.staff)) == ["B1", "B2"], "new links only for those who have not answered")
            _ = try await pulse.close(code: "p", now: Self.now)
            #expect(try await pulse.answer(token: fresh[0].token, score: 9, comment: nil) == .notOpen)
            let tally = try #require(try await pulse.tally(code: "p"))
            #expect(tally.answered == 6 && tally.invitedByGroup == ["T1": 6, "T2": 2])
            #expect(tally.answers.map(\.score).sorted() == [4, 5, 6, 7, 8, 9] && tally.answers.allSatisfy { $0.group == "T1" })
            #expect(tally.answers.compactMap(\.comment).sorted() == ["c0", "c1", "c2", "c3", "c4", "c5"])
        }
    }

    @Test(arguments: TestEngine.available)
    func thanksAndPraiseAreStoredOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            try await Self.seed(database)
            let thanks = Recognition(id: "t1", kind: .thanks, from: "A1", to: "A2", text: " Спасибо ", createdAt: Self.now)
            #expect(try await database.recognitions.thank(thanks).repeated == false)
            #expect(try await database.recognitions.thank(thanks).repeated == true)
            var other = thanks
            other.text = "другое"
            await #expect(throws: OtklikError.self) { _ = try await database.recognitions.thank(other) }
            let received = try await database.recognitions.received(by: ["A2"], limit: 10)
            #expect(received.count == 1 && received.first?.text == "Спасибо" && received.first?.from == "A1")
            #expect(try await database.recognitions.received(by: [], limit: 10).isEmpty)
            // Customer praise: NPS 10 and CSAT 5 naming A3 are passed on; NPS 4 and a 10 without a staff member are not.
            let items = [
                Feedback(id: "f1", ts: Self.now, channel: .terminal, kind: .informative, location: "L1", staff: "A3", nps: 10),
                Feedback(id: "f2", ts: Self.now, channel: .terminal, kind: .informative, location: "L1", staff: "A3", csat: 5),
                Feedback(id: "f3", ts: Self.now, channel: .terminal, kind: .informative, location: "L1", staff: "A3", nps: 4),
                Feedback(id: "f4", ts: Self.now, channel: .terminal, kind: .informative, location: "L1", nps: 10),
            ]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            // The praise step follows text analysis: move that consumer to the head (nothing here has a comment).
            let head = try await database.feed.events(after: 0, limit: 10_000).last?.position ?? 0
            try await database.sql.execute(
                "INSERT INTO feed_consumers (name, position, updated_at) VALUES ('text-analysis', ?, 0) ON CONFLICT (name) DO UPDATE SET position = excluded.position",
                [.int(head)])
            _ = try await CustomerPraiseFeedStep.run(database: database.sql, limit: 500)
            try await database.sql.execute("UPDATE feed_consumers SET position = 0 WHERE name = ?", [.text(CustomerPraiseFeedStep.consumer)])
            _ = try await CustomerPraiseFeedStep.run(database: database.sql, limit: 500)
            let praise = try await database.recognitions.received(by: ["A3"], limit: 10)
            #expect(Set(praise.map(\.id)) == ["praise-f1", "praise-f2"], "once per feedback, read twice")
            #expect(Set(praise.compactMap(\.basis)) == [.nps, .csat])
        }
    }
}
