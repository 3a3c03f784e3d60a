import Foundation
import OtklikCore
import OtklikMetrics
import Testing

/// Issue 20 item 8: with skip logic a question's n counts those who saw it. Hand-computed: four respondents offered
/// every question answer NPS 3, 5, 6 and 9; "why" is shown at NPS ≤ 6, so it was seen by 3 (not 4) and answered by 2;
/// the promoter's stray answer to it (a question they never saw) does not count. The mean of the two scores 2 and 4 is 3.
@Suite struct SkipLogicResultsTests {
    @Test func aHiddenQuestionCountsOnlyThoseWhoSawIt() {
        let survey = Survey(
            code: "s", titleRu: "С", titleEn: "", maxQuestions: 3, sampling: .everyone,
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "", integral: true),
                SurveyQuestion(code: "why", type: .csat, textRu: "Насколько довольны?", textEn: "", showIf: ShowCondition(question: "nps", atMost: 6)),
                SurveyQuestion(code: "note", type: .text, textRu: "Комментарий", textEn: ""),
            ])
        let shown = ["nps", "why", "note"]
        let invitations = (1...4).map { index in
            SurveyInvitation(id: "i\(index)", survey: "s", status: .completed, invitedAt: Date(), expiresAt: Date().addingTimeInterval(86_400), shown: shown)
        }
        let answers: [String: [SurveyAnswer]] = [
            "i1": [SurveyAnswer(question: "nps", score: 3), SurveyAnswer(question: "why", score: 2)],
            "i2": [SurveyAnswer(question: "nps", score: 5), SurveyAnswer(question: "why", score: 4)],
            "i3": [SurveyAnswer(question: "nps", score: 6)],
            "i4": [SurveyAnswer(question: "nps", score: 9), SurveyAnswer(question: "why", score: 5)],
        ]
        let results = SurveyResults(survey: survey, invitations: invitations, answers: answers)
        let why = results.questions.first { $0.code == "why" }
        #expect(why?.shown == 3)
        #expect(why?.answered == 2)
        #expect(why?.mean?.value == 3)
        #expect(why?.mean?.n == 2)
        // Without the condition the same answers count all four as shown and three answers (mean 11/3).
        var plain = survey
        plain.questions[1].showIf = nil
        let all = SurveyResults(survey: plain, invitations: invitations, answers: answers).questions.first { $0.code == "why" }
        #expect(all?.shown == 4)
        #expect(all?.answered == 3)
        #expect(results.questions.first { $0.code == "note" }?.shown == 4)
    }
}
