import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Kano and SERVQUAL questionnaires in a survey, and the change of the integral score between two waves, each against
/// a case computed by hand; Kano answers and SERVQUAL pairs stored on both engines.
@Suite struct SurveyAnalysesTests {
    static let now = SurveyResultsTests.now

    static func invitation(_ id: String, days: Double = 0, shown: [String]? = nil) -> SurveyInvitation {
        let at = now.addingTimeInterval(days * 86_400)
        return SurveyInvitation(id: id, survey: "kano", status: .completed, invitedAt: at, expiresAt: at.addingTimeInterval(86_400), shown: shown)
    }

    static func kanoSurvey() -> Survey {
        Survey(
            code: "kano", titleRu: "Свойства", titleEn: "Features", maxQuestions: 9, sampling: .everyone,
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
                SurveyQuestion(
                    code: "wifi", type: .kano, textRu: "Если в отделении будет Wi-Fi, как вы к этому отнесётесь?",
                    textEn: "If the office has Wi-Fi, how do you feel?", dysfunctionalRu: "Если Wi-Fi не будет, как вы к этому отнесётесь?",
                    dysfunctionalEn: "If the office has no Wi-Fi, how do you feel?"),
                SurveyQuestion(code: "r1", type: .likert, textRu: "Вы согласны, что обещания выполнены?", textEn: "Promises kept?", factor: "reliability"),
                SurveyQuestion(code: "e_r1", type: .likert, textRu: "Хороший банк выполняет обещания", textEn: "A good bank keeps promises", expectationOf: "r1"),
                SurveyQuestion(code: "r2", type: .likert, textRu: "Вы согласны, что без ошибок?", textEn: "No mistakes?", factor: "reliability"),
                SurveyQuestion(code: "e_r2", type: .likert, textRu: "Хороший банк не ошибается", textEn: "A good bank makes no mistakes", expectationOf: "r2"),
                SurveyQuestion(code: "m1", type: .likert, textRu: "Вы согласны, что к вам внимательны?", textEn: "Attentive?", factor: "empathy"),
                SurveyQuestion(code: "e_m1", type: .likert, textRu: "Хороший банк внимателен", textEn: "A good bank is attentive", expectationOf: "m1"),
            ])
    }

    /// The field an invalid-input error names.
    static func field(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as OtklikError { return error.field } catch {}
        return nil
    }

    @Test func kanoAndServqualDefinitionsAreValidated() throws {
        try Self.kanoSurvey().validate()
        var noDysfunctional = Self.kanoSurvey()
        noDysfunctional.questions[1].dysfunctionalEn = nil
        try noDysfunctional.validate()  // one language is enough, as for the question's text
        #expect(noDysfunctional.questions[1].dysfunctional("en") == noDysfunctional.questions[1].dysfunctionalRu)
        noDysfunctional.questions[1].dysfunctionalRu = "  "
        #expect(Self.field { try noDysfunctional.validate() } == "questions[1].dysfunctional_ru")
        var notAPerception = Self.kanoSurvey()
        notAPerception.questions[3].expectationOf = "nps"
        #expect(throws: OtklikError.self) { try notAPerception.validate() }
        var withFactor = Self.kanoSurvey()
        withFactor.questions[3].factor = "reliability"
        #expect(throws: OtklikError.self) { try withFactor.validate() }
        #expect(Self.kanoSurvey().factors == ["reliability", "empathy"], "expectation items measure no factor")
        let wifi = Self.kanoSurvey().questions[1]
        try SurveyAnswer(question: "wifi", choices: ["like", "dislike"]).validate(against: wifi)
        #expect(throws: OtklikError.self) { try SurveyAnswer(question: "wifi", choices: ["like"]).validate(against: wifi) }
        #expect(throws: OtklikError.self) { try SurveyAnswer(question: "wifi", choices: ["like", "maybe"]).validate(against: wifi) }
        #expect(throws: OtklikError.self) { try SurveyAnswer(question: "wifi", score: 1).validate(against: wifi) }
        // A definition stored before these fields existed decodes unchanged.
        let old = #"{"code":"q","type":"likert","text_ru":"Р","text_en":"E","factor":"f"}"#
        let decoded = try JSONDecoder().decode(SurveyQuestion.self, from: Data(old.utf8))
        #expect(decoded.expectationOf == nil && decoded.dysfunctionalRu == nil)
    }

    /// Ten answer pairs: 4 × (like, neutral) = A, 2 × (like, dislike) = O, 2 × (must-be, dislike) = M,
    /// 1 × (neutral, neutral) = I, 1 × (like, like) = Q. Category A; Better = (4+2)/9, Worse = −(2+2)/9, n = 10.
    @Test func kanoCategoryBetterAndWorseByHand() throws {
        let pairs: [[String]] = Array(repeating: ["like", "neutral"], count: 4) + Array(repeating: ["like", "dislike"], count: 2)
            + Array(repeating: ["must-be", "dislike"], count: 2) + [["neutral", "neutral"], ["like", "like"]]
        var answers: [String: [SurveyAnswer]] = [:]
        for (index, pair) in pairs.enumerated() { answers["k\(index)"] = [SurveyAnswer(question: "nps", score: 9), SurveyAnswer(question: "wifi", choices: pair)] }
        answers["k10"] = [SurveyAnswer(question: "nps", score: 9)]  // not shown the Kano question: not counted
        let invitations = (0...10).map { Self.invitation("k\($0)") }
        let results = SurveyResults(survey: Self.kanoSurvey(), invitations: invitations, answers: answers)
        let wifi = try #require(results.kano.first)
        #expect(results.kano.count == 1 && wifi.feature == "wifi" && wifi.n == 10)
        #expect(wifi.category == .attractive)
        #expect(wifi.counts == ["A": 4, "O": 2, "M": 2, "I": 1, "R": 0, "Q": 1])
        #expect(abs((wifi.better ?? 0) - 6.0 / 9) < 1e-12 && abs((wifi.worse ?? 0) - -4.0 / 9) < 1e-12)
        let json = String(decoding: try JSONEncoder().encode(results), as: UTF8.self)
        #expect(json.contains("\"kano\":[{") && json.contains("\"category\":\"A\""))
    }

    /// Perception/expectation (P/E) by respondent for r1, r2, m1:
    /// A 4/5, 3/5, 5/4; B 3/5, 4/4, 4/4; C 5/5, –, 3/5; D 2/4, 3/5, E only on m1.
    /// Item gaps: r1 = 3.5 − 4.75 = −1.25 (n 4), r2 = 10/3 − 14/3 = −4/3 (n 3), m1 = 4 − 13/3 = −1/3 (n 3);
    /// reliability = (−1.25 − 4/3)/2 over 4 respondents, empathy = −1/3 over 3, overall = their mean.
    @Test func servqualGapsByHand() throws {
        let rows: [(String, [String: Int])] = [
            ("a", ["r1": 4, "e_r1": 5, "r2": 3, "e_r2": 5, "m1": 5, "e_m1": 4]),
            ("b", ["r1": 3, "e_r1": 5, "r2": 4, "e_r2": 4, "m1": 4, "e_m1": 4]),
            ("c", ["r1": 5, "e_r1": 5, "m1": 3, "e_m1": 5]),
            ("d", ["r1": 2, "e_r1": 4, "r2": 3, "e_r2": 5, "e_m1": 4]),
        ]
        var answers: [String: [SurveyAnswer]] = [:]
        for (id, scores) in rows { answers[id] = [SurveyAnswer(question: "nps", score: 8)] + scores.map { SurveyAnswer(question: $0.key, score: $0.value) } }
        let results = SurveyResults(survey: Self.kanoSurvey(), invitations: rows.map { Self.invitation($0.0) }, answers: answers)
        let servqual = try #require(results.servqual)
        #expect(servqual.items.map(\.perception) == ["r1", "r2", "m1"] && servqual.items.map(\.expectation) == ["e_r1", "e_r2", "e_m1"])
        #expect(servqual.items.map(\.n) == [4, 3, 3])
        #expect(abs(servqual.items[0].gap - -1.25) < 1e-12 && abs(servqual.items[1].gap - -4.0 / 3) < 1e-12)
        #expect(abs(servqual.items[2].expectationMean - 13.0 / 3) < 1e-12)
        let reliability = try #require(servqual.dimensions.first { $0.dimension == "reliability" })
        let empathy = try #require(servqual.dimensions.first { $0.dimension == "empathy" })
        #expect(abs(reliability.gap.value - (-1.25 - 4.0 / 3) / 2) < 1e-12 && reliability.gap.n == 4 && reliability.items == ["r1", "r2"])
        #expect(abs(empathy.gap.value - -1.0 / 3) < 1e-12 && empathy.gap.n == 3)
        // One item: the interval is Student's t over the respondents' gaps +1, 0, −2.
        let t = try #require(MeanInterval.t(sum: -1, sumOfSquares: 5, n: 3))
        #expect(abs((empathy.gap.ciLow ?? 0) - t.low) < 1e-9 && abs((empathy.gap.ciHigh ?? 0) - t.high) < 1e-9)
        let (low, high) = (try #require(reliability.gap.ciLow), try #require(reliability.gap.ciHigh))
        #expect(low < reliability.gap.value && high > reliability.gap.value)
        #expect(abs(servqual.overallGap - ((-1.25 - 4.0 / 3) / 2 - 1.0 / 3) / 2) < 1e-12)
        #expect(SurveyResults(survey: SurveyRepositoryContractTests.survey(), invitations: [], answers: [:]).servqual == nil, "no pairs, no SERVQUAL")
    }

    /// Without missing values the available-case variance is that of the respondents' own averages.
    @Test func availableCaseMeanWithoutMissingIsTheTInterval() throws {
        let rows: [[Double?]] = [[1, 2], [0, -1], [-2, -2], [1, 0], [0, 1]]
        let mean = try #require(AvailableCaseMean(rows: rows))
        let averages = rows.map { ($0[0]! + $0[1]!) / 2 }
        let t = try #require(MeanInterval.t(sum: averages.reduce(0, +), sumOfSquares: averages.reduce(0) { $0 + $1 * $1 }, n: 5))
        #expect(abs(mean.value - averages.reduce(0, +) / 5) < 1e-12 && mean.n == 5)
        let interval = try #require(mean.interval)
        #expect(abs(interval.low - t.low) < 1e-9 && abs(interval.high - t.high) < 1e-9)
    }

    /// Baseline wave: 5 promoters, 2 passives, 3 detractors (NPS 20); current: 8, 1, 1 (NPS 70).
    /// Var = [p + d − (p − d)²]/n: 0.076 and 0.041; SE = √0.117; z = 0.5/SE = 1.4618; p = 0.1438: not significant.
    @Test func changeBetweenWavesByHand() throws {
        let before = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0], after = [10, 10, 10, 9, 9, 9, 9, 9, 7, 5]
        var invitations: [SurveyInvitation] = []
        var answers: [String: [SurveyAnswer]] = [:]
        for (index, score) in before.enumerated() {
            invitations.append(Self.invitation("b\(index)", days: -30))
            answers["b\(index)"] = [SurveyAnswer(question: "nps", score: score)]
        }
        for (index, score) in after.enumerated() {
            invitations.append(Self.invitation("a\(index)"))
            answers["a\(index)"] = [SurveyAnswer(question: "nps", score: score)]
        }
        let baseline = try #require(try InvitationFilter.baseline(query: ["compare_to": Timestamp.format(Self.now.addingTimeInterval(-86_400))]))
        let current = try InvitationFilter(query: ["from": Timestamp.format(Self.now.addingTimeInterval(-86_400))])
        let change = try #require(SurveyChange(
            survey: Self.kanoSurvey(), baseline: invitations.filter(baseline.matches), current: invitations.filter(current.matches), answers: answers))
        #expect(change.figure == "nps" && change.baseline.n == 10 && change.current.n == 10)
        #expect(abs(change.baseline.value - 20) < 1e-9 && abs(change.current.value - 70) < 1e-9 && abs(change.difference - 50) < 1e-9)
        #expect(abs(change.z - 0.5 / 0.117.squareRoot()) < 1e-9)
        #expect(abs(change.p - 0.1438) < 0.0005 && !change.significant)
        #expect(abs(change.ciLow - (50 - 196 * 0.117.squareRoot())) < 0.01)
        #expect(try InvitationFilter.baseline(query: ["from": "2026-01-01"]) == nil, "no compare_ parameters, no baseline")
        #expect(Self.field { _ = try InvitationFilter.baseline(query: ["compare_to": "soon"]) } == "compare_to")
    }

    @Test(arguments: TestEngine.available)
    func kanoAnswersKeepTheirOrderInTheStore(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(try await database.surveys.create(Self.kanoSurvey(), now: Self.now))
            #expect(try await database.surveys.survey(code: "kano") == Self.kanoSurvey(), "Kano forms and expectation pairs are stored")
            let ids = try await database.surveys.sample(
                survey: "kano", [SurveyRepositoryContractTests.visit("v1")], now: Self.now, deliver: false).compactMap(\.invitation)
            let id = try #require(ids.first)
            try await database.surveys.respond(
                invitation: id,
                answers: [SurveyAnswer(question: "nps", score: 9), SurveyAnswer(question: "wifi", choices: ["must-be", "dislike"]),
                          SurveyAnswer(question: "r1", score: 4), SurveyAnswer(question: "e_r1", score: 5)],
                status: .completed, now: Self.now)
            let stored = try await database.surveys.answers(survey: "kano")[id] ?? []
            #expect(stored.first { $0.question == "wifi" }?.choices == ["must-be", "dislike"])
            let results = SurveyResults(
                survey: Self.kanoSurvey(), invitations: try await database.surveys.invitations(survey: "kano"), answers: try await database.surveys.answers(survey: "kano"))
            #expect(results.kano.first?.category == .mustBe && results.servqual?.items.first?.gap == -1)
        }
    }
}
