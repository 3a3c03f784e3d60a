import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Problem detection on a generated stream of complaints whose truth is known, on both engines.
@Suite struct ProblemDetectionTests {
    static let start = Date(timeIntervalSince1970: 1_772_445_600)  // 2026-03-02 10:00 UTC
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))

    /// (location, reason, day): a problem at L1 on waiting time (5 in 5 days) and at L3 on prices (3 in 2 days);
    /// not at L1 on politeness (2), nor at L2 on waiting time (4, but ten days apart).
    static let stream: [(String, String, Double)] = [
        ("L1", "waiting_time", 0), ("L1", "waiting_time", 1), ("L1", "waiting_time", 2.5), ("L1", "waiting_time", 3), ("L1", "waiting_time", 4),
        ("L1", "politeness", 1), ("L1", "politeness", 9),
        ("L2", "waiting_time", 0), ("L2", "waiting_time", 10), ("L2", "waiting_time", 20), ("L2", "waiting_time", 30),
        ("L3", "prices", 20), ("L3", "prices", 21), ("L3", "prices", 21.5),
    ]

    @Test(arguments: TestEngine.available)
    func detectsExactlyTheRepeatedIncidents(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            for code in ["L1", "L2", "L3"] { try await database.reference.save(Location(code: code, name: code)) }
            let rule = ProblemRule(threshold: 3, windowDays: 7)
            var opened: [Problem] = []
            for day in 0...40 {
                let now = Self.start.addingTimeInterval(Double(day) * 86_400 + 3600)
                for (index, (location, reason, at)) in Self.stream.enumerated() where at <= Double(day) && at > Double(day - 1) {
                    let ts = Self.start.addingTimeInterval(at * 86_400)
                    let item = Feedback(
                        id: "p\(index)", ts: ts, channel: .qrWeb, kind: .complaint, location: location, csat: 1, reasons: [reason], contact: "+7 \(index)")
                    _ = try await database.feedback.insert([item], createMissingReferences: false)
                    _ = try await database.cases.openCases(forFeedback: [item.id], schedule: Self.schedule, now: ts)
                }
                opened += try await database.problems.detect(rule, now: now)
            }
            #expect(opened.map { "\($0.location)/\($0.theme)" }.sorted() == ["L1/waiting_time", "L3/prices"])
            // A scoped principal's list (issue 21 item 3): the locations' problems only, in SQL; none for an empty scope.
            #expect(try await database.problems.problems(status: nil, locations: ["L1", "L2"]).map(\.location) == ["L1"])
            #expect(try await database.problems.problems(status: .open, locations: ["L3"]).map(\.location) == ["L3"])
            #expect(try await database.problems.problems(status: .fixed, locations: ["L3"]).isEmpty)
            #expect(try await database.problems.problems(status: nil, locations: []).isEmpty)
            #expect(try await database.problems.problems(status: nil).count == 2)
            let l1 = try #require(opened.first { $0.location == "L1" })
            let (_, cases, none) = try #require(try await database.problems.get(id: l1.id, rule: rule, now: Self.start))
            #expect(cases.count == 5, "every waiting-time complaint at L1 is linked")
            #expect(none == nil, "no verification before the fix")
            // Fixed on day 5; nothing came back in the week after: the incidents stopped (p = ½⁵).
            _ = try await database.problems.apply(.rootCause("одно окно на весь зал"), to: l1.id, actor: nil, now: Self.start)
            _ = try await database.problems.apply(.markFixed, to: l1.id, actor: nil, now: Self.start.addingTimeInterval(5 * 86_400))
            let verification = try #require(try await database.problems.get(id: l1.id, rule: rule, now: Self.start.addingTimeInterval(13 * 86_400))?.verification)
            #expect(verification.before == 5 && verification.after == 0 && !verification.pending)
            #expect(abs(verification.pValue - 1.0 / 32) < 1e-12 && verification.stopped)
            await #expect(throws: OtklikError.self) { _ = try await database.problems.apply(.markFixed, to: l1.id, actor: nil, now: Self.start) }
        }
    }

    @Test func verificationIsAnExactBinomialTest() {
        let same = ProblemVerification(before: 3, after: 3, windowDays: 7, pending: false)
        #expect(abs(same.pValue - 42.0 / 64) < 1e-12 && !same.stopped)
        let fewer = ProblemVerification(before: 6, after: 1, windowDays: 7, pending: false)
        #expect(abs(fewer.pValue - 8.0 / 128) < 1e-12 && !fewer.stopped, "P(X ≤ 1 | 7, ½) = 8/128 = 0.0625")
        let early = ProblemVerification(before: 9, after: 0, windowDays: 7, pending: true)
        #expect(!early.stopped, "the week after the fix has not ended")
        #expect(ProblemVerification(before: 0, after: 0, windowDays: 7, pending: false).pValue == 1)
    }
}
