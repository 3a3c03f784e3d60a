import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore
import Testing

/// Surveys, sampling with persisted state, invitations, answers and the outbox — on both engines.
@Suite struct SurveyRepositoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func survey(_ code: String = "visit", sampling: SurveySampling = SurveySampling(method: .simple, probability: 1, seed: 7),
                       purpose: SurveyPurpose = .measurement, attributes: SurveyAttributes = SurveyAttributes(), maxQuestions: Int = 3) -> Survey {
        Survey(
            code: code, titleRu: "Визит", titleEn: "Visit", purpose: purpose, maxQuestions: maxQuestions, attributes: attributes, sampling: sampling,
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
                SurveyQuestion(code: "l1", type: .likert, textRu: "Вы согласны, что быстро?", textEn: "Quick?", factor: "speed"),
                SurveyQuestion(code: "l2", type: .likert, textRu: "Вы согласны, что вежливо?", textEn: "Polite?", factor: "care"),
                SurveyQuestion(
                    code: "why", type: .single, textRu: "Зачем?", textEn: "Why?",
                    options: [ChoiceOption(code: "card", labelRu: "Карта", labelEn: "Card"), ChoiceOption(code: "loan", labelRu: "Кредит", labelEn: "Loan")]),
                SurveyQuestion(code: "text", type: .text, textRu: "Что улучшить?", textEn: "Improve?"),
            ])
    }

    static func visit(_ id: String, customer: String? = nil, location: String = "L1", days: Double = 0, contact: String? = nil) -> SurveyInteraction {
        SurveyInteraction(id: id, at: now.addingTimeInterval(days * 86_400), customer: customer, location: location, channel: "terminal", contact: contact)
    }

    @Test(arguments: TestEngine.available)
    func surveysAreValidatedStoredAndIdempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            var bad = Self.survey()
            bad.questions[1].integral = true
            await #expect(throws: OtklikError.self) { try await database.surveys.create(bad, now: Self.now) }
            var badField = Self.survey()
            badField.questions[3].options = []
            do {
                try await database.surveys.create(badField, now: Self.now)
                Issue.record("a choice question without options was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "questions[3].options")
            }
            #expect(try await database.surveys.create(Self.survey(), now: Self.now))
            #expect(try await database.surveys.create(Self.survey(), now: Self.now) == false, "the same definition again is accepted")
            var other = Self.survey()
            other.titleEn = "Other"
            do {
                try await database.surveys.create(other, now: Self.now)
                Issue.record("another definition under the same code was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .conflict)
            }
            #expect(try await database.surveys.survey(code: "visit") == Self.survey())
            #expect(try await database.surveys.surveys().map(\.code) == ["visit"])
        }
    }

    @Test(arguments: TestEngine.available)
    func samplingIsIdempotentPerInteractionAndTokensAreHashed(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.surveys.create(Self.survey(), now: Self.now)
            let first = try await database.surveys.sample(survey: "visit", [Self.visit("i1", customer: "c1", contact: "+7 900")], now: Self.now, deliver: true)
            #expect(first.count == 1 && first[0].outcome == "invited" && !first[0].duplicate)
            let token = try #require(first[0].token)
            #expect(token.count >= 30)
            let invitation = try #require(try await database.surveys.invitation(token: token))
            #expect(invitation.id == first[0].invitation && invitation.status == .invited && invitation.customer == "c1")
            #expect(try await database.surveys.invitation(token: token + "x") == nil)
            // The same interaction again (and twice in one batch): its first decision, nothing new.
            let again = try await database.surveys.sample(survey: "visit", [Self.visit("i1", customer: "c1"), Self.visit("i1", customer: "c1")], now: Self.now, deliver: true)
            #expect(again.allSatisfy { $0.duplicate && $0.invitation == first[0].invitation && $0.token == token })
            #expect(try await database.surveys.invitations(survey: "visit").count == 1)
            // Delivered: the outbox forgets the token; a replay then has no link.
            let pending = try await database.surveys.pendingMessages(limit: 10, now: Self.now)
            #expect(pending.map(\.token) == [token] && pending[0].recipient == "+7 900")
            try await database.surveys.markDelivered(message: pending[0].id, now: Self.now)
            #expect(try await database.surveys.pendingMessages(limit: 10, now: Self.now).isEmpty)
            let replay = try await database.surveys.sample(survey: "visit", [Self.visit("i1")], now: Self.now, deliver: true)
            #expect(replay[0].duplicate && replay[0].token == nil && replay[0].invitation == first[0].invitation)
            // Unknown survey; a bad item names its field.
            await #expect(throws: OtklikError.self) { try await database.surveys.sample(survey: "nope", [Self.visit("x")], now: Self.now, deliver: true) }
            do {
                _ = try await database.surveys.sample(survey: "visit", [Self.visit("ok"), SurveyInteraction(id: "bad id", at: Self.now)], now: Self.now, deliver: true)
                Issue.record("a bad id was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "items[1].id")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func theFatigueRuleHoldsAcrossCallsAndSurveys(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.surveys.create(Self.survey(), now: Self.now)
            try await database.surveys.create(Self.survey("other"), now: Self.now)
            let results = try await database.surveys.sample(
                survey: "visit", [Self.visit("a", customer: "c1"), Self.visit("b", customer: "c1", days: 10)], now: Self.now, deliver: false)
            #expect(results.map(\.outcome) == ["invited", "fatigued"])
            let otherSurvey = try await database.surveys.sample(survey: "other", [Self.visit("c", customer: "c1", days: 100)], now: Self.now, deliver: false)
            #expect(otherSurvey[0].outcome == "fatigued", "a customer is not surveyed again within 183 days, by any survey")
            let later = try await database.surveys.sample(survey: "visit", [Self.visit("d", customer: "c1", days: 190)], now: Self.now, deliver: false)
            #expect(later[0].outcome == "invited")
            let anonymous = try await database.surveys.sample(survey: "visit", [Self.visit("e"), Self.visit("f")], now: Self.now, deliver: false)
            #expect(anonymous.map(\.outcome) == ["invited", "invited"])
        }
    }

    @Test(arguments: TestEngine.available)
    func systematicCountsAndQuotasSurviveBetweenBatches(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.surveys.create(
                Self.survey("sys", sampling: SurveySampling(method: .systematic, interval: 3, fatigueDays: 0, seed: 11)), now: Self.now)
            var outcomes: [String] = []
            for index in 0..<12 {  // one interaction per call: the count lives in the store
                outcomes += try await database.surveys.sample(survey: "sys", [Self.visit("v\(index)")], now: Self.now, deliver: false).map(\.outcome)
            }
            let invited = outcomes.indices.filter { outcomes[$0] == "invited" }
            #expect(invited.count == 4)
            #expect(zip(invited, invited.dropFirst()).allSatisfy { $1 - $0 == 3 }, "every third: \(invited)")

            try await database.surveys.create(
                Self.survey("quota", sampling: SurveySampling(method: .quota, strata: ["location"], defaultTarget: 2, period: "day", fatigueDays: 0, seed: 3)),
                now: Self.now)
            var quota: [String] = []
            for index in 0..<3 {
                quota += try await database.surveys.sample(survey: "quota", [Self.visit("q\(index)"), Self.visit("r\(index)", location: "L2")], now: Self.now, deliver: false).map(\.outcome)
            }
            #expect(quota == ["invited", "invited", "invited", "invited", "quota_full", "quota_full"])
            let nextDay = try await database.surveys.sample(survey: "quota", [Self.visit("q9", days: 1)], now: Self.now, deliver: false)
            #expect(nextDay[0].outcome == "invited", "a new day opens a new quota")

            // Design weights 1/π per stratum and day: L1 and L2 each had 3 eligible visits and 2 invitations on the first
            // day (π = 2/3); L1 had 1 of 1 on the next.
            let weights = try await database.surveys.designWeights(survey: "quota")
            let invitations = try await database.surveys.invitations(survey: "quota")
            let byLocation = Dictionary(grouping: invitations, by: { "\($0.location ?? "")|\($0.invitedAt > Self.now ? "next" : "first")" })
            #expect(byLocation["L1|first"]?.allSatisfy { weights[$0.id] == 1.5 } == true)
            #expect(byLocation["L2|first"]?.allSatisfy { weights[$0.id] == 1.5 } == true)
            #expect(byLocation["L1|next"]?.allSatisfy { weights[$0.id] == 1.0 } == true)

            try await database.surveys.create(Self.survey("l2only", attributes: SurveyAttributes(location: "L2")), now: Self.now)
            let eligible = try await database.surveys.sample(survey: "l2only", [Self.visit("x1"), Self.visit("x2", location: "L2")], now: Self.now, deliver: false)
            #expect(eligible.map(\.outcome) == ["not_eligible", "invited"])
        }
    }

    @Test(arguments: TestEngine.available)
    func answersStatusesAndTheOutbox(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.surveys.create(Self.survey(), now: Self.now)
            let results = try await database.surveys.sample(
                survey: "visit", (1...4).map { Self.visit("i\($0)") }, now: Self.now, deliver: true)
            let ids = results.compactMap(\.invitation)
            #expect(ids.count == 4)
            let shown = try await database.surveys.recordShown(invitation: ids[0], questions: ["nps", "l1", "why"])
            #expect(try await database.surveys.recordShown(invitation: ids[0], questions: ["nps"]) == shown, "recorded once")
            try await database.surveys.respond(
                invitation: ids[0], answers: [SurveyAnswer(question: "nps", score: 9), SurveyAnswer(question: "why", choices: ["card"])],
                status: .partial, now: Self.now)
            try await database.surveys.respond(
                invitation: ids[0],
                answers: [SurveyAnswer(question: "nps", score: 10), SurveyAnswer(question: "l1", score: 4), SurveyAnswer(question: "why", choices: ["loan"])],
                status: .completed, now: Self.now)
            #expect(try await database.surveys.answers(invitation: ids[0]).map(\.question) == ["l1", "nps", "why"])
            await #expect(throws: OtklikError.self, "a completed invitation cannot be answered again") {
                try await database.surveys.respond(invitation: ids[0], answers: [], status: .completed, now: Self.now)
            }
            try await database.surveys.respond(invitation: ids[1], answers: [SurveyAnswer(question: "nps", score: 3)], status: .refused, now: Self.now)
            #expect(try await database.surveys.answers(invitation: ids[1]).isEmpty, "a refusal keeps no answers")
            // Delivery fails five times: the invitation is no_contact.
            let message = try #require(try await database.surveys.pendingMessages(limit: 10, now: Self.now).first { $0.invitation == ids[2] })
            for attempt in 0..<5 {
                try await database.surveys.markFailed(message: message.id, error: "gateway down", now: Self.now, retryAfter: 0, maxAttempts: 5)
                let stillPending = try await database.surveys.pendingMessages(limit: 10, now: Self.now).contains { $0.id == message.id }
                #expect(stillPending == (attempt < 4))
            }
            #expect(try await database.surveys.invitation(id: ids[2])?.status == .noContact)
            let all = try await database.surveys.invitations(survey: "visit")
            #expect(Dictionary(grouping: all, by: \.status).mapValues(\.count) == [.completed: 1, .refused: 1, .noContact: 1, .invited: 1])

            // The flat CSV: one row per invitation, one column per question.
            let csv = try await SurveyCSV.export(Self.survey(), from: database.surveys)
            let lines = csv.split(separator: "\n").map(String.init)
            #expect(lines.count == 5)
            #expect(lines[0] == "invitation,survey,status,invited_at,responded_at,customer,interaction,location,staff,service,channel,stratum,shown,nps,l1,l2,why,text")
            let completed = try #require(lines.first { $0.hasPrefix(ids[0] + ",") })
            #expect(completed.contains(",completed,") && completed.hasSuffix(",nps;l1;why,10,4,,loan,"))
        }
    }

    /// Simple random sampling through the store keeps its inclusion rate (p = 0.2 over 1,000 interactions, within
    /// 4 SD), and concurrent batches of one systematic survey never lose a count: exactly every k-th is invited.
    @Test(arguments: TestEngine.available)
    func inclusionRateAndConcurrentBatches(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.surveys.create(
                Self.survey("simple", sampling: SurveySampling(method: .simple, probability: 0.2, fatigueDays: 0, seed: 99)), now: Self.now)
            let visits = (0..<1_000).map { Self.visit("s\($0)") }
            let outcomes = try await database.surveys.sample(survey: "simple", visits, now: Self.now, deliver: false).map(\.outcome)
            let invited = outcomes.filter { $0 == "invited" }.count
            let deviation: Double = abs(Double(invited) - 200)
            let tolerance: Double = 4 * (160.0).squareRoot()  // 4 SD, SD² = n·p·(1 − p) = 160
            #expect(deviation < tolerance, "invited \(invited) of 1000 at p = 0.2")

            try await database.surveys.create(
                Self.survey("every5", sampling: SurveySampling(method: .systematic, interval: 5, fatigueDays: 0, seed: 4)), now: Self.now)
            let surveys = database.surveys
            let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                for batch in 0..<10 {
                    group.addTask {
                        let items = (0..<3).map { Self.visit("b\(batch)-\($0)") }
                        return try await surveys.sample(survey: "every5", items, now: Self.now, deliver: false).filter { $0.outcome == "invited" }.count
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(counts == 6, "30 interactions, every 5th: \(counts)")
            #expect(try await database.surveys.invitations(survey: "every5").count == 6)
        }
    }
}
