import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Segments on both engines (issue 18 item 7): definitions stored, replaced by code and listed; a retry changes
/// nothing; customer profiles as of a moment match hand-computed values (refunds are not purchases, nothing after the
/// moment counts, the latest answer wins); comment themes per customer.
@Suite struct SegmentContractTests {
    static let at = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01 00:00 UTC
    static func ago(_ days: Double) -> Date { at.addingTimeInterval(-days * 86_400) }

    static func segment(_ code: String, _ name: String, purchases: Double) -> Segment {
        Segment(code: code, nameRu: name, nameEn: name, rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(purchases))])
    }

    @Test(arguments: TestEngine.available)
    func definitionsAreStoredReplacedAndIdempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let first = [Self.segment("a", "A", purchases: 1), Self.segment("b", "B", purchases: 2)]
            try await database.segments.define(first, now: Self.at)
            try await database.segments.define(first, now: Self.at)
            #expect(try await database.segments.segments().map(\.segment) == first)
            let replaced = Self.segment("b", "B2", purchases: 5)
            try await database.segments.define([replaced], now: Self.at.addingTimeInterval(60))
            let stored = try #require(try await database.segments.segment(code: "b"))
            #expect(stored.segment == replaced && stored.createdAt == Self.at && stored.updatedAt == Self.at.addingTimeInterval(60))
            #expect(try await database.segments.segments().count == 2)
            #expect(try await database.segments.segment(code: "zz") == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func profilesAsOfAMomentMatchHandComputedValues(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            _ = try await database.transactions.insert([
                Transaction(id: "a1", ts: Self.ago(200), customer: "A", amount: 1000),
                Transaction(id: "a2", ts: Self.ago(30), customer: "A", amount: 3000),
                Transaction(id: "a3", ts: Self.ago(10), customer: "A", amount: -500),  // a refund: spend, not a purchase
                Transaction(id: "a4", ts: Self.at.addingTimeInterval(60), customer: "A", amount: 9000),  // after the moment
                Transaction(id: "b1", ts: Self.ago(100), customer: "B", amount: 700),
            ], createMissingReferences: true)
            _ = try await database.feedback.insert([
                Feedback(id: "f1", ts: Self.ago(20), channel: .web, kind: .complaint, location: "L1", customer: "A", nps: 3, ces: 6, comment: "плохо", contact: "+79000000001"),
                Feedback(id: "f2", ts: Self.ago(15), channel: .email, kind: .informative, customer: "A", nps: 9, csat: 5, ces: 4),
                Feedback(id: "f3", ts: Self.at.addingTimeInterval(10), channel: .web, kind: .complaint, customer: "A", nps: 0, contact: "+79000000001"),
                Feedback(id: "f4", ts: Self.ago(50), channel: .web, kind: .informative, customer: "D", csat: 2),
            ], untimed: [], createMissingReferences: true)
            try await database.sql.execute(
                "INSERT INTO comment_analysis (feedback_id, mixed, label, score, themes, words, analysed_at) VALUES (?, 0, 'negative', -0.9, ?, 1, ?)",
                [.text("f1"), .text("waiting;staff"), .int(Int64(Self.at.timeIntervalSince1970 * 1000))])
            let profiles = Dictionary(uniqueKeysWithValues: try await database.segments.profiles(asOf: Self.at).map { ($0.customer, $0) })
            #expect(Set(profiles.keys) == ["A", "B", "D"])
            let a = try #require(profiles["A"])
            #expect(a.purchases == 2 && a.monetary == 3500)
            #expect(a.recencyDays == 30 && a.tenureDays == 200)
            #expect(a.complaints == 1 && a.complaintDays == 20)
            #expect(a.npsAnswers == 2 && a.latestNPS == 9 && a.npsGroup == "promoter" && a.npsPromoters == 1 && a.npsDetractors == 1)
            #expect(a.csatCount == 1 && a.csatTop2 == 1)
            #expect(a.cesCount == 2 && a.ces == 5 && a.cesSumOfSquares == 52)
            #expect(a.channel == "email" && a.location == "L1", "the latest channel; the latest feedback naming a location")
            let b = try #require(profiles["B"])
            #expect(b.purchases == 1 && b.recencyDays == 100 && b.complaints == 0 && b.latestNPS == nil)
            let d = try #require(profiles["D"])
            #expect(d.purchases == 0 && d.recencyDays == nil && d.tenureDays == 50 && d.csatCount == 1 && d.csatTop2 == 0)
            let themes = try await database.segments.commentThemes(asOf: Self.at)
            #expect(themes == ["A": [["waiting", "staff"]]])
        }
    }
}
