import Foundation
import OtklikApplication
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// The survey stratum takes the metrics slice's membership (``SegmentSlicer/stratum(order:now:)``), on both engines:
/// the population of ``SegmentSliceTests`` — C1 and C2 buyers, C2 and a phone-only customer complainers, C3 in neither,
/// the customer behind +79005550000 merged into C1 — sampled into `["complainers", "buyers"]`: a customer in both falls
/// in complainers (listed first), the phone-only complainant is found by the contact, the merged customer counts as C1.
@Suite struct SurveySegmentStratumSlicerTests {
    @Test(arguments: SliceEngine.available)
    func theSliceMembershipDecidesTheStratum(engine: SliceEngine) async throws {
        try await engine.withDatabase { database in
            try await SegmentSliceTests.population(database)
            let merged = try #require(try await database.sql.query("SELECT customer_id FROM feedback WHERE id = 'f10'", []).first?.text("customer_id"))
            _ = try await SQLCustomerMergeJournal(database: database.sql).merge(survivor: "C1", absorbed: merged, evidence: ["test": "same person"], actor: "test")
            let segments = CustomerSegments(
                database: database, churn: ChurnModelCache(database: database), values: CustomerValueModel(database: database), minimumSize: 2)
            let slicer = SegmentSlicer(segments: segments, repository: database.segments)
            let sampling = SurveySampling(method: .systematic, interval: 1, strata: ["segment"], fatigueDays: 0, seed: 2, segments: ["complainers", "buyers"])
            let survey = Survey(
                code: "by-segment", titleRu: "Визит", titleEn: "Visit", maxQuestions: 1, sampling: sampling,
                questions: [SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true)])
            try await database.surveys.create(survey, now: Date())
            let now = Date()
            let items = [
                SurveyInteraction(id: "a", at: now, customer: "C2"), SurveyInteraction(id: "b", at: now, contact: "+7 900 111-22-33"),
                SurveyInteraction(id: "c", at: now, contact: "+79005550000"), SurveyInteraction(id: "d", at: now, customer: "C1"),
                SurveyInteraction(id: "e", at: now, customer: "C3"), SurveyInteraction(id: "f", at: now),
            ]
            let results = try await database.surveys.sample(
                survey: "by-segment", items, now: now, deliver: false, segments: { codes in try await slicer.stratum(order: codes, now: now) })
            #expect(results.map(\.stratum) == ["complainers", "complainers", "buyers", "buyers", "other", "other"], "\(results.map(\.explanation))")
            #expect(results.allSatisfy { $0.outcome == "invited" })
        }
    }
}
