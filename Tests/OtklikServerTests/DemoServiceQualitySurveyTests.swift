import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing
@testable import OtklikServer

/// The demo's service-quality survey shows what it plants: the call-back is a must-be and the video consultation
/// attractive (Kano), speed falls furthest short of expectations (SERVQUAL), and callers state speed matters most.
@Suite struct DemoServiceQualitySurveyTests {
    @Test func plantedTruthIsFound() async throws {
        let test = try await TestApp.make()
        do {
            let surveys = test.app.database.surveys
            try await DemoServiceQualitySurvey.seed(surveys, seed: 2026, end: Date(timeIntervalSince1970: 1_795_000_000))
            let survey = try #require(try await surveys.survey(code: DemoServiceQualitySurvey.code))
            let results = SurveyResults(
                survey: survey, invitations: try await surveys.invitations(survey: survey.code), answers: try await surveys.answers(survey: survey.code),
                weights: try await surveys.designWeights(survey: survey.code))
            let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(results)) as? [String: Any])
            let kano = Dictionary(uniqueKeysWithValues: results.kano.map { ($0.feature, $0.category) })
            #expect(kano["callback"] == .mustBe)
            #expect(kano["video"] == .attractive)
            let dimensions = ((json["servqual"] as? [String: Any])?["dimensions"] as? [[String: Any]]) ?? []
            let gaps = dimensions.compactMap { entry -> (String, Double)? in
                guard let name = entry["dimension"] as? String, let value = (entry["gap"] as? [String: Any])?["value"] as? Double else { return nil }
                return (name, value)
            }
            #expect(gaps.count == 3 && gaps.allSatisfy { $0.1 < 0 }, "perceptions below expectations")
            #expect(gaps.min { $0.1 < $1.1 }?.0 == "responsiveness")
            let factors = (json["factors"] as? [[String: Any]]) ?? []
            let stated = factors.compactMap { entry -> (String, Double)? in
                guard let name = entry["factor"] as? String, let value = (entry["stated_importance"] as? [String: Any])?["value"] as? Double else { return nil }
                return (name, value)
            }
            #expect(stated.count == 3 && stated.max { $0.1 < $1.1 }?.0 == "responsiveness")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
