import Foundation
import OtklikCore
import Testing

/// Issue 20 item 8: skip logic (`show_if`) — validated on the definition (only earlier questions, values on their
/// scale or among their options, one comparison, never on the integral question) and applied to what a respondent sees.
@Suite struct SkipLogicTests {
    static func survey(_ follow: ShowCondition?, chained: ShowCondition? = nil) -> Survey {
        Survey(
            code: "visit", titleRu: "Визит", titleEn: "Visit", maxQuestions: 4, sampling: .everyone,
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
                SurveyQuestion(
                    code: "why", type: .single, textRu: "Что не так?", textEn: "What went wrong?",
                    options: [ChoiceOption(code: "queue", labelRu: "Очередь", labelEn: "Queue"), ChoiceOption(code: "rude", labelRu: "Грубость", labelEn: "Rudeness")],
                    showIf: follow),
                SurveyQuestion(code: "wait", type: .text, textRu: "Сколько ждали?", textEn: "How long?", showIf: chained),
                SurveyQuestion(code: "more", type: .text, textRu: "Ещё?", textEn: "More?"),
            ])
    }

    static func field(_ survey: Survey) -> String? {
        do { try survey.validate() } catch let error as OtklikError { return error.field } catch {}
        return "valid"
    }

    @Test func conditionsAreValidatedAgainstEarlierQuestions() throws {
        try Self.survey(ShowCondition(question: "nps", atMost: 6), chained: ShowCondition(question: "why", equals: .option("queue"))).validate()
        try Self.survey(ShowCondition(question: "nps", in: [.score(0), .score(10)])).validate()
        // A later question, an unknown one, itself.
        #expect(Self.field(Self.survey(ShowCondition(question: "more", atMost: 6))) == "questions[1].show_if.question")
        #expect(Self.field(Self.survey(ShowCondition(question: "why", equals: .option("queue")))) == "questions[1].show_if.question")
        // Values off the scale, or not among the options.
        #expect(Self.field(Self.survey(ShowCondition(question: "nps", atMost: 11))) == "questions[1].show_if.at_most")
        #expect(Self.field(Self.survey(ShowCondition(question: "nps", atLeast: -1))) == "questions[1].show_if.at_least")
        #expect(Self.field(Self.survey(ShowCondition(question: "nps", equals: .option("high")))) == "questions[1].show_if.equals")
        #expect(Self.field(Self.survey(nil, chained: ShowCondition(question: "why", equals: .option("late")))) == "questions[2].show_if.equals")
        #expect(Self.field(Self.survey(nil, chained: ShowCondition(question: "why", atLeast: 1))) == "questions[2].show_if.at_least")
        #expect(Self.field(Self.survey(ShowCondition(question: "nps", in: []))) == "questions[1].show_if.in")
        // One comparison; not after an open question; never on the integral question.
        #expect(Self.field(Self.survey(ShowCondition(question: "nps", atMost: 6, atLeast: 1))) == "questions[1].show_if.equals")
        #expect(Self.field(Self.survey(ShowCondition(question: "nps"))) == "questions[1].show_if.equals")
        var afterText = Self.survey(nil)
        afterText.questions[3].showIf = ShowCondition(question: "wait", equals: .option("x"))
        #expect(Self.field(afterText) == "questions[3].show_if.question")
        var integral = Self.survey(nil)
        integral.questions[0].showIf = ShowCondition(question: "nps", atMost: 6)
        #expect(Self.field(integral) == "questions[0].show_if")
    }

    @Test func theJSONFormRoundTrips() throws {
        let json = #"{"code":"why","type":"text","text_ru":"Почему?","show_if":{"question":"nps","at_most":6}}"#
        let question = try JSONDecoder().decode(SurveyQuestion.self, from: Data(json.utf8))
        #expect(question.showIf == ShowCondition(question: "nps", atMost: 6))
        let options = #"{"question":"why","in":["queue","rude"]}"#
        #expect(try JSONDecoder().decode(ShowCondition.self, from: Data(options.utf8)) == ShowCondition(question: "why", in: [.option("queue"), .option("rude")]))
        let encoded = String(decoding: try JSONEncoder().encode(ShowCondition(question: "nps", equals: .score(10))), as: UTF8.self)
        #expect(encoded.contains(#""equals":10"#))
        // A question stored before skip logic existed decodes with none and encodes without the key.
        let old = #"{"code":"q","type":"nps","text_ru":"Р"}"#
        let decoded = try JSONDecoder().decode(SurveyQuestion.self, from: Data(old.utf8))
        #expect(decoded.showIf == nil)
        #expect(!String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self).contains("show_if"))
    }

    @Test func whatARespondentSeesFollowsTheirAnswers() {
        let survey = Self.survey(ShowCondition(question: "nps", atMost: 6), chained: ShowCondition(question: "why", equals: .option("queue")))
        let all = ["nps", "why", "wait", "more"]
        func visible(_ answers: [SurveyAnswer]) -> [String] {
            survey.visibleQuestions(all, answers: Dictionary(uniqueKeysWithValues: answers.map { ($0.question, $0) }))
        }
        #expect(visible([]) == ["nps", "more"], "no answer yet: the conditional questions wait")
        #expect(visible([SurveyAnswer(question: "nps", score: 6)]) == ["nps", "why", "more"], "at most 6 includes 6")
        #expect(visible([SurveyAnswer(question: "nps", score: 7)]) == ["nps", "more"])
        #expect(visible([SurveyAnswer(question: "nps", score: 3), SurveyAnswer(question: "why", choices: ["queue"])]) == all)
        #expect(visible([SurveyAnswer(question: "nps", score: 3), SurveyAnswer(question: "why", choices: ["rude"])]) == ["nps", "why", "more"])
        // A stale answer to a question whose own condition is no longer met opens nothing.
        #expect(visible([SurveyAnswer(question: "nps", score: 9), SurveyAnswer(question: "why", choices: ["queue"])]) == ["nps", "more"])
        // A question rotation did not offer is not seen, nor is what depends on it.
        #expect(survey.visibleQuestions(["nps", "wait", "more"], answers: ["nps": SurveyAnswer(question: "nps", score: 1)]) == ["nps", "more"])
    }
}
