import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Results of a survey from its invitations and answers, and the question rotation respondents see.
@Suite struct SurveyResultsTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func invitation(_ id: String, _ status: InvitationStatus, shown: [String]? = nil) -> SurveyInvitation {
        SurveyInvitation(id: id, survey: "visit", status: status, invitedAt: now, expiresAt: now.addingTimeInterval(86_400), shown: shown)
    }

    @Test func outcomesResponseRatesAndNPSWithNonResponders() throws {
        let survey = SurveyRepositoryContractTests.survey()
        let statuses: [InvitationStatus] = [.completed, .completed, .completed, .completed, .completed, .completed, .partial, .refused, .noContact, .invited]
        let invitations = statuses.enumerated().map { Self.invitation("i\($0.offset)", $0.element, shown: ["nps", "l1", "l2"]) }
        let scores = [10, 9, 9, 8, 5, 3, 10]
        var answers: [String: [SurveyAnswer]] = [:]
        for (index, score) in scores.enumerated() { answers["i\(index)"] = [SurveyAnswer(question: "nps", score: score)] }
        let results = SurveyResults(survey: survey, invitations: invitations, answers: answers)
        #expect(results.outcomes.total == 10 && results.outcomes.completed == 6 && results.outcomes.partial == 1)
        #expect(results.responseRates.rr1 == 0.6 && results.responseRates.rr2 == 0.7)
        #expect(results.responseRates.belowTarget, "RR1 60 % is below the 70 % target")
        #expect(results.label.hasPrefix("measurement below its target"))
        let nps = try #require(results.nps)
        #expect(nps.promoters == 4 && nps.detractors == 2 && nps.passives == 1)
        #expect(abs(nps.respondentsOnly.value - 100 * 2 / 7) < 1e-9 && nps.respondentsOnly.n == 7)
        #expect(abs(nps.nonRespondersAsPassives.value - 20) < 1e-9 && nps.nonRespondersAsPassives.n == 10)
        #expect(abs(nps.nonRespondersAsDetractors.value - -10) < 1e-9)
        #expect(nps.respondentsOnly.ciLow != nil && nps.respondentsOnly.ciHigh != nil)
        let npsQuestion = try #require(results.questions.first { $0.code == "nps" })
        #expect(npsQuestion.shown == 7 && npsQuestion.answered == 7 && npsQuestion.headline?.n == 7)

        #expect(nps.designWeighted == nil, "no weights, no weighted figure")
        // Design weights: respondent i0 stands for 4 interactions, the others for 1 each.
        let weights = Dictionary(uniqueKeysWithValues: invitations.map { ($0.id, $0.id == "i5" ? 4.0 : 1.0) })
        let weighted = try #require(SurveyResults(survey: survey, invitations: invitations, answers: answers, weights: weights).nps?.designWeighted)
        // Scores 10, 9, 9, 8, 5, 3×4, 10: P = 4, D = 1 + 4 of total weight 10 → NPS = 100·(4 − 5)/10.
        #expect(abs(weighted.value - -10) < 1e-9 && weighted.n == 7)
        #expect(abs(weighted.effectiveN - 100.0 / 22) < 1e-9 && weighted.ciLow < -10 && weighted.ciHigh > -10)

        let feedback = SurveyResults(survey: SurveyRepositoryContractTests.survey(purpose: .feedback), invitations: invitations, answers: answers)
        #expect(feedback.label == "feedback, not measurement")
    }

    /// Factor scores with a known driver, asked with planned missingness (each respondent sees the integral
    /// question and 2 of the 4 items): derived importance ranks the true driver first, weights sum to R².
    @Test func factorsDerivedImportanceAndCSIUnderRotation() throws {
        var survey = SurveyRepositoryContractTests.survey(maxQuestions: 3)
        survey.questions = [
            SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
            SurveyQuestion(code: "c1", type: .likert, textRu: "Вы согласны, что вежливо?", textEn: "Polite?", factor: "care"),
            SurveyQuestion(code: "c2", type: .likert, textRu: "Вы согласны, что внимательно?", textEn: "Attentive?", factor: "care"),
            SurveyQuestion(code: "s1", type: .likert, textRu: "Вы согласны, что быстро?", textEn: "Quick?", factor: "speed"),
            SurveyQuestion(code: "s2", type: .likert, textRu: "Вы согласны, что без очереди?", textEn: "No queue?", factor: "speed"),
        ]
        try survey.validate()
        var state: UInt64 = 0x9E3779B97F4A7C15
        func unit() -> Double {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Double(state >> 11) / Double(1 << 53)
        }
        func normal() -> Double { (-2 * log(max(unit(), 1e-12))).squareRoot() * cos(2 * .pi * unit()) }
        func clamp(_ value: Double, _ range: ClosedRange<Int>) -> Int { min(max(Int(value.rounded()), range.lowerBound), range.upperBound) }
        var invitations: [SurveyInvitation] = []
        var answers: [String: [SurveyAnswer]] = [:]
        for index in 0..<600 {
            let id = "r\(index)"
            let shown = survey.rotatedQuestions(for: id)
            #expect(shown.first == "nps" && shown.count == 3)
            let care = 3.5 + normal(), speed = 3.5 + normal()
            let nps = clamp(7 + 1.6 * (care - 3.5) + 0.3 * (speed - 3.5) + 0.8 * normal(), 0...10)
            var given = [SurveyAnswer(question: "nps", score: nps)]
            for code in shown.dropFirst() {
                let factor = code.hasPrefix("c") ? care : speed
                given.append(SurveyAnswer(question: code, score: clamp(factor + 0.4 * normal(), 1...5)))
            }
            invitations.append(Self.invitation(id, .completed, shown: shown))
            answers[id] = given
        }
        let results = SurveyResults(survey: survey, invitations: invitations, answers: answers)
        #expect(results.factors.map(\.factor) == ["care", "speed"])
        let drivers = try #require(results.drivers, "notes: \(results.notes)")
        let care = try #require(results.factors.first { $0.factor == "care" }), speed = try #require(results.factors.first { $0.factor == "speed" })
        #expect((care.share ?? 0) > 0.75 && (speed.share ?? 1) < 0.25, "care drives NPS: \(care.share ?? -1) vs \(speed.share ?? -1)")
        #expect(abs((care.importance ?? 0) + (speed.importance ?? 0) - drivers.r2) < 1e-9, "relative weights sum to R²")
        #expect(drivers.minimumPairN >= 100 && drivers.minimumPairN < 600, "pairwise-complete: \(drivers.minimumPairN)")
        #expect(care.satisfaction.ciLow! < care.satisfaction.value && care.satisfaction.value < care.satisfaction.ciHigh!)
        let csi = try #require(results.csi)
        #expect(csi.n == 600 && csi.value > 40 && csi.value < 80 && csi.weights.hasPrefix("derived"))
    }

    /// Every pool question gets its fair share: K − 1 of |pool| (4 of 10), within 4 standard deviations.
    @Test func rotationGivesEveryPoolQuestionAFairShare() throws {
        let pool = (1...10).map { SurveyQuestion(code: "p\($0)", type: .likert, textRu: "Вы согласны?", textEn: "Agree?", factor: "f\($0 % 3)") }
        let survey = Survey(
            code: "rot", titleRu: "Р", titleEn: "R", maxQuestions: 5, sampling: .everyone,
            questions: [SurveyQuestion(code: "nps", type: .nps, textRu: "?", textEn: "?", integral: true)] + pool)
        try survey.validate()
        var counts: [String: Int] = [:]
        let respondents = 5_000
        for index in 0..<respondents {
            let shown = survey.rotatedQuestions(for: "inv-\(index)")
            #expect(shown.count == 5 && shown[0] == "nps")
            for code in shown.dropFirst() { counts[code, default: 0] += 1 }
        }
        let expected = Double(respondents) * 0.4, sd = (Double(respondents) * 0.4 * 0.6).squareRoot()
        for question in pool {
            #expect(abs(Double(counts[question.code] ?? 0) - expected) < 4 * sd, "\(question.code): \(counts[question.code] ?? 0)")
        }
    }
}
