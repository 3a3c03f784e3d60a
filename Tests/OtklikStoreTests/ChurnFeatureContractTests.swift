import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// The churn signals read from the store as of a moment (``SQLChurnFeatureSource``) on both engines: hand-computed
/// values for a few customers, nothing after the moment counted, and on a generated population with a planted signal
/// the time-split validation beats recency alone.
@Suite struct ChurnFeatureContractTests {
    static let at = Date(timeIntervalSince1970: 1_782_864_000)  // 2026-07-01 00:00 UTC
    static let day = 86_400.0

    static func ago(_ days: Double) -> Date { at.addingTimeInterval(-days * day) }

    @Test(arguments: TestEngine.available)
    func signalsAsOfAMomentMatchHandComputedValues(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            _ = try await database.transactions.insert([
                Transaction(id: "a1", ts: Self.ago(200), customer: "A", amount: 1000),
                Transaction(id: "a2", ts: Self.ago(30), customer: "A", amount: 3000),
                Transaction(id: "a3", ts: Self.ago(10), customer: "A", amount: -500),  // a refund is not a purchase
                Transaction(id: "a4", ts: Self.at.addingTimeInterval(60), customer: "A", amount: 9000),  // after the moment
                Transaction(id: "b1", ts: Self.ago(100), customer: "B", amount: 700),  // not active in 90 days
                Transaction(id: "c1", ts: Self.ago(5), customer: "C", amount: 400),
            ], createMissingReferences: true)
            _ = try await database.feedback.insert([
                Feedback(id: "f1", ts: Self.ago(20), channel: .web, kind: .complaint, customer: "A", nps: 3, comment: "плохо", contact: "+79000000001"),
                Feedback(id: "f2", ts: Self.ago(15), channel: .web, kind: .informative, customer: "A", nps: 6),
                Feedback(id: "f3", ts: Self.ago(12), channel: .web, kind: .informative, customer: "A", nps: 9),
                Feedback(id: "f4", ts: Self.ago(120), channel: .web, kind: .complaint, customer: "A", nps: 0, contact: "+79000000001"),  // outside the window
                Feedback(id: "f5", ts: Self.at.addingTimeInterval(10), channel: .web, kind: .complaint, customer: "C", nps: 0, contact: "+79000000003"),
            ], untimed: [], createMissingReferences: true)
            func ms(_ date: Date?) -> SQLValue { date.map { .int(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? .null }
            try await database.sql.execute(
                "INSERT INTO comment_analysis (feedback_id, mixed, label, score, words, analysed_at) VALUES (?, 0, 'negative', -0.9, 1, ?)",
                [.text("f1"), ms(Self.at)])
            // f1's case: open, its deadline passed: unresolved and late. f4's case (opened 120 days ago): resolved late,
            // but before the window — unresolved no, late no. f2's case resolved after the moment: still unresolved then.
            try await database.sql.insertRows(
                "cases", columns: ["id", "feedback_id", "status", "opened_at", "due_at", "resolved_at"],
                rows: [
                    [.text("k1"), .text("f1"), .text("new"), ms(Self.ago(20)), ms(Self.ago(18)), .null],
                    [.text("k4"), .text("f4"), .text("resolved"), ms(Self.ago(120)), ms(Self.ago(118)), ms(Self.ago(100))],
                    [.text("k2"), .text("f2"), .text("resolved"), ms(Self.ago(15)), ms(Self.ago(1).addingTimeInterval(3600 * 12)), ms(Self.at.addingTimeInterval(3600))],
                    [.text("k5"), .text("f5"), .text("new"), ms(Self.at.addingTimeInterval(10)), ms(Self.at.addingTimeInterval(100)), .null],
                ])
            // Interactions: A calls twice on the same topic three days apart (one repeat), once on another topic; C twice
            // on one topic 10 days apart (no repeat).
            try await database.sql.insertRows(
                "interactions", columns: ["id", "channel", "customer_id", "topic", "arrived_at", "outcome", "received_at"],
                rows: [
                    [.text("i1"), .text("call"), .text("A"), .text("billing"), ms(Self.ago(40)), .text("answered"), ms(Self.at)],
                    [.text("i2"), .text("call"), .text("A"), .text("billing"), ms(Self.ago(37)), .text("answered"), ms(Self.at)],
                    [.text("i3"), .text("call"), .text("A"), .text("delivery"), ms(Self.ago(36)), .text("answered"), ms(Self.at)],
                    [.text("i4"), .text("call"), .text("C"), .text("billing"), ms(Self.ago(30)), .text("answered"), ms(Self.at)],
                    [.text("i5"), .text("call"), .text("C"), .text("billing"), ms(Self.ago(20)), .text("answered"), ms(Self.at)],
                ])
            let features = try await SQLChurnFeatureSource(database: database.sql).features(at: Self.at, activeDays: 90)
            #expect(features.map(\.customer) == ["A", "C"])
            let a = try #require(features.first)
            #expect(a[.recency] == 30 && a[.frequency] == 2 && a[.monetary] == 2000 && a[.tenure] == 200)
            #expect(a[.detractorAnswers] == 2 && a[.complaints] == 1 && a[.negativeComments] == 1)
            #expect(a[.unresolvedComplaint] == 2 && a[.lateCases] == 2)
            #expect(a[.repeatContacts] == 1)
            let c = features[1]
            #expect(c[.recency] == 5 && c[.frequency] == 1 && c[.tenure] == 5)
            #expect(c[.complaints] == 0 && c[.unresolvedComplaint] == 0 && c[.repeatContacts] == 0)
            let purchasers = try await SQLChurnFeatureSource(database: database.sql).purchasers(from: Self.ago(30), to: Self.at.addingTimeInterval(61))
            #expect(purchasers == ["A", "C"])
        }
    }

    @Test(arguments: TestEngine.available)
    func plantedUnresolvedComplaintsBeatRecencyAlone(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let tally = try await ChurnPopulation(asOf: Self.at, customers: 1500).write(database)
            let withRate = Double(tally.withComplaint.churned) / Double(tally.withComplaint.of)
            let withoutRate = Double(tally.without.churned) / Double(tally.without.of)
            #expect(abs(withRate - 0.6) < 0.06 && abs(withoutRate - 0.25) < 0.04, "planted rates \(withRate), \(withoutRate)")
            let source = SQLChurnFeatureSource(database: database.sql)
            let h = 90.0
            let trainAt = Self.ago(2 * h), validationAt = Self.ago(h)
            func population(_ at: Date, _ end: Date) async throws -> ChurnAnalysis.Population {
                let features = try await source.features(at: at, activeDays: 90)
                let stayed = try await source.purchasers(from: at, to: end)
                return .init(features: features, churned: Set(features.map(\.customer).filter { !stayed.contains($0) }))
            }
            let result = try ChurnAnalysis.analyze(
                window: ChurnWindow(asOf: 20_634, horizonDays: 90, activeDays: 90),
                training: try await population(trainAt, validationAt), validation: try await population(validationAt, Self.at),
                current: try await source.features(at: Self.at, activeDays: 90))
            let v = result.validation
            let auc = try #require(v.auc), recency = try #require(v.recencyAUC)
            #expect(v.n > 300, "validation n \(v.n)")
            #expect(auc >= recency + 0.03, "AUC \(auc) vs recency \(recency)")
            #expect((v.topDecileLift ?? 0) > 1.2)
            #expect(result.customers.count > 200)
            #expect(zip(result.customers, result.customers.dropFirst()).allSatisfy { $0.churnProbability >= $1.churnProbability })
            // The customer most at risk has an unresolved complaint among their reasons.
            #expect(result.customers.first?.reasons.contains { $0.signal == "unresolved_complaint" } == true, "\(result.customers.first.map { "\($0)" } ?? "")")
        }
    }
}
