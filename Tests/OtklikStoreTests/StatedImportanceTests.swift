import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Stated importance (`importance_of` Likert items): validated with the field named, kept out of factor satisfaction,
/// CSI and the driver analysis, and reported per factor beside derived importance — against a case computed by hand,
/// and stored on both engines.
@Suite struct StatedImportanceTests {
    static let now = SurveyResultsTests.now

    static func survey() -> Survey {
        Survey(
            code: "stated", titleRu: "Важность", titleEn: "Importance", maxQuestions: 9, sampling: .everyone,
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
                SurveyQuestion(code: "fast", type: .likert, textRu: "Вы согласны, что быстро?", textEn: "Served quickly?", factor: "speed"),
                SurveyQuestion(code: "kind", type: .likert, textRu: "Вы согласны, что вежливо?", textEn: "Staff polite?", factor: "care"),
                SurveyQuestion(
                    code: "i_speed", type: .likert, textRu: "Насколько для вас важно, чтобы обслужили быстро?",
                    textEn: "How important is being served quickly?", importanceOf: "speed"),
                SurveyQuestion(
                    code: "i_wait", type: .likert, textRu: "Насколько для вас важно не ждать в очереди?",
                    textEn: "How important is not waiting in a queue?", importanceOf: "speed"),
                SurveyQuestion(
                    code: "i_care", type: .likert, textRu: "Насколько для вас важна вежливость сотрудников?",
                    textEn: "How important is polite staff?", importanceOf: "care"),
            ])
    }

    static func invitation(_ id: String) -> SurveyInvitation {
        SurveyInvitation(id: id, survey: "stated", status: .completed, invitedAt: now, expiresAt: now.addingTimeInterval(86_400))
    }

    @Test func importanceItemsAreValidatedWithTheFieldNamed() throws {
        try Self.survey().validate()
        #expect(Self.survey().factors == ["speed", "care"], "importance items measure no factor")
        func field(_ change: (inout Survey) -> Void) -> String? {
            var survey = Self.survey()
            change(&survey)
            return SurveyAnalysesTests.field { try survey.validate() }
        }
        #expect(field { $0.questions[3].importanceOf = "queue" } == "questions[3].importance_of", "unknown factor")
        #expect(field { $0.questions[3].importanceOf = "" } == "questions[3].importance_of")
        #expect(field { $0.questions[3].type = .csat } == "questions[3].importance_of", "not Likert")
        #expect(field { $0.questions[3].factor = "speed" } == "questions[3].importance_of", "with a factor of its own")
        #expect(field { $0.questions[3].expectationOf = "fast" } == "questions[3].importance_of", "with expectation_of")
        #expect(field { $0.questions[0].integral = false; $0.questions[3].integral = true } == "questions[3].importance_of", "the integral question")
        #expect(field { $0.questions[4].expectationOf = "i_speed"; $0.questions[4].importanceOf = nil } == "questions[4].expectation_of",
                "an importance item is no perception item")
        let json = #"{"code":"i","type":"likert","importance_of":"speed","text_ru":"Насколько для вас важно…","text_en":"How important is …"}"#
        let decoded = try JSONDecoder().decode(SurveyQuestion.self, from: Data(json.utf8))
        #expect(decoded.importanceOf == "speed" && decoded.factor == nil)
        #expect(String(decoding: try JSONEncoder().encode(decoded), as: UTF8.self).contains("\"importance_of\":\"speed\""))
    }

    /// Scores by respondent (fast, kind; i_speed, i_wait, i_care):
    /// a 4, 5; 5, 4, 3 · b 3, 4; 4, –, 5 · c 2, 3; –, 5, – · d 5, 1; –, –, –.
    /// Stated importance of speed: respondents' means 4.5, 4, 5 → 4.5 (n 3); of care: 3, 5 → 4 (n 2).
    /// Satisfaction: speed 14/4 = 3.5, care 13/4 = 3.25 (importance items not counted). Four respondents are too few
    /// to derive importance, so the quadrants use stated importance: speed keep up the good work, care low priority.
    @Test func statedImportanceByHand() throws {
        let rows: [(String, [String: Int])] = [
            ("a", ["nps": 9, "fast": 4, "kind": 5, "i_speed": 5, "i_wait": 4, "i_care": 3]),
            ("b", ["nps": 7, "fast": 3, "kind": 4, "i_speed": 4, "i_care": 5]),
            ("c", ["nps": 5, "fast": 2, "kind": 3, "i_wait": 5]),
            ("d", ["nps": 8, "fast": 5, "kind": 1]),
        ]
        var answers: [String: [SurveyAnswer]] = [:]
        for (id, scores) in rows { answers[id] = scores.map { SurveyAnswer(question: $0.key, score: $0.value) } }
        let results = SurveyResults(survey: Self.survey(), invitations: rows.map { Self.invitation($0.0) }, answers: answers)
        #expect(results.factors.map(\.factor) == ["speed", "care"])
        let speed = results.factors[0], care = results.factors[1]
        #expect(speed.items == ["fast"] && speed.importanceItems == ["i_speed", "i_wait"] && care.importanceItems == ["i_care"])
        #expect(speed.satisfaction.value == 3.5 && speed.satisfaction.n == 4 && care.satisfaction.value == 3.25)
        let speedStated = try #require(speed.statedImportance), careStated = try #require(care.statedImportance)
        #expect(abs(speedStated.value - 4.5) < 1e-12 && speedStated.n == 3)
        let t = try #require(MeanInterval.t(sum: 13.5, sumOfSquares: 61.25, n: 3))
        #expect(abs((speedStated.ciLow ?? 0) - t.low) < 1e-9 && speedStated.ciHigh == 5, "the t-interval, clamped to 1-5")
        #expect(abs(careStated.value - 4) < 1e-12 && careStated.n == 2)
        #expect(results.drivers == nil && speed.share == nil && speed.correlation == nil)
        #expect(results.quadrantBasis == "stated")
        #expect(speed.quadrant == "keep-up-the-good-work" && care.quadrant == "low-priority")
        #expect(results.csi?.weights == "equal")
        let json = String(decoding: try JSONEncoder().encode(results), as: UTF8.self)
        #expect(json.contains("\"stated_importance\":{") && json.contains("\"importance_items\":[\"i_speed\",\"i_wait\"]"))
        #expect(json.contains("\"quadrant_basis\":\"stated\""))
    }

    /// With 12 respondents importance is derived: the quadrants follow it, each factor's correlation is Pearson's r of
    /// its scores with the integral score, and stated importance is still reported beside it.
    @Test func derivedImportanceComesFirstAndCorrelationIsReported() throws {
        var answers: [String: [SurveyAnswer]] = [:]
        var fast: [Double] = [], nps: [Double] = []
        for i in 0..<12 {
            let speed = 1 + (i * 2) % 5, care = 1 + (i * 3 + 1) % 5, score = min(10, 2 * care + speed / 2)
            fast.append(Double(speed))
            nps.append(Double(score))
            answers["r\(i)"] = [
                SurveyAnswer(question: "nps", score: score), SurveyAnswer(question: "fast", score: speed), SurveyAnswer(question: "kind", score: care),
                SurveyAnswer(question: "i_speed", score: 1 + i % 5),
            ]
        }
        let results = SurveyResults(survey: Self.survey(), invitations: (0..<12).map { Self.invitation("r\($0)") }, answers: answers)
        #expect(results.drivers != nil && results.quadrantBasis == "derived")
        let speed = results.factors[0]
        let r = try #require(Correlation.pearson(fast, nps))
        #expect(abs((speed.correlation ?? 0) - r) < 1e-12 && speed.share != nil)
        #expect(speed.statedImportance?.n == 12 && results.factors[1].statedImportance == nil)
    }

    @Test(arguments: TestEngine.available)
    func importanceItemsAreStoredAndAnswered(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(try await database.surveys.create(Self.survey(), now: Self.now))
            #expect(try await database.surveys.survey(code: "stated") == Self.survey(), "importance_of is stored")
            #expect(try await database.surveys.create(Self.survey(), now: Self.now) == false, "the same definition again")
            let ids = try await database.surveys.sample(
                survey: "stated", [SurveyRepositoryContractTests.visit("v1"), SurveyRepositoryContractTests.visit("v2")], now: Self.now, deliver: false
            ).compactMap(\.invitation)
            #expect(ids.count == 2)
            let given: [[String: Int]] = [["nps": 9, "fast": 4, "kind": 5, "i_speed": 5, "i_wait": 4], ["nps": 6, "fast": 2, "kind": 3, "i_speed": 3]]
            for (id, scores) in zip(ids, given) {
                try await database.surveys.respond(
                    invitation: id, answers: scores.map { SurveyAnswer(question: $0.key, score: $0.value) }, status: .completed, now: Self.now)
            }
            let results = SurveyResults(
                survey: Self.survey(), invitations: try await database.surveys.invitations(survey: "stated"),
                answers: try await database.surveys.answers(survey: "stated"))
            // Respondents' stated importance of speed: 4.5 and 3 → 3.75 (n 2); nobody rated care's importance.
            let speed = try #require(results.factors.first)
            #expect(speed.statedImportance?.value == 3.75 && speed.statedImportance?.n == 2 && speed.satisfaction.value == 3)
            #expect(results.factors[1].statedImportance == nil && results.quadrantBasis == nil)
        }
    }
}
