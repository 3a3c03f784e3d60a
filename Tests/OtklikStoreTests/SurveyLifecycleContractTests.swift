import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 20 item 8 in the store, on both engines: answers to a question its respondent could not see (skip logic) are
/// not kept; a survey's definition changes freely before its first answer and only in wording after; a closed survey
/// takes no new invitations or answers (migration 0049).
@Suite struct SurveyLifecycleContractTests {
    static let now = SurveyResultsTests.now

    static func survey() -> Survey {
        Survey(
            code: "life", titleRu: "Визит", titleEn: "Visit", maxQuestions: 3, sampling: .everyone,
            questions: [
                SurveyQuestion(code: "nps", type: .nps, textRu: "Порекомендуете?", textEn: "Recommend?", integral: true),
                SurveyQuestion(code: "why", type: .text, textRu: "Почему?", textEn: "Why?", showIf: ShowCondition(question: "nps", atMost: 6)),
                SurveyQuestion(
                    code: "came", type: .single, textRu: "Зачем пришли?", textEn: "What for?",
                    options: [ChoiceOption(code: "card", labelRu: "Карта", labelEn: "Card"), ChoiceOption(code: "loan", labelRu: "Кредит", labelEn: "Loan")]),
            ])
    }

    static func status(_ body: () async throws -> Void) async -> OtklikError.Code? {
        do { try await body() } catch let error as OtklikError { return error.code } catch {}
        return nil
    }

    @Test(arguments: TestEngine.available)
    func skipLogicEditingAndClosingInTheStore(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let surveys = database.surveys
            #expect(try await surveys.create(Self.survey(), now: Self.now))
            // Before any answer: a new type is accepted.
            var retyped = Self.survey()
            retyped.questions[2].type = .multiple
            try await surveys.update(retyped, now: Self.now)
            #expect(try await surveys.survey(code: "life")?.questions[2].type == .multiple)
            try await surveys.update(Self.survey(), now: Self.now)

            let ids = try await surveys.sample(
                survey: "life", [SurveyRepositoryContractTests.visit("v1"), SurveyRepositoryContractTests.visit("v2")], now: Self.now, deliver: false
            ).compactMap(\.invitation)
            #expect(ids.count == 2)
            for id in ids { _ = try await surveys.recordShown(invitation: id, questions: ["nps", "why", "came"]) }
            // A promoter's answer to "why" (shown only at NPS ≤ 6) is not kept; a detractor's is.
            try await surveys.respond(
                invitation: ids[0], answers: [SurveyAnswer(question: "nps", score: 10), SurveyAnswer(question: "why", text: "—")], status: .completed, now: Self.now)
            try await surveys.respond(
                invitation: ids[1], answers: [SurveyAnswer(question: "nps", score: 2), SurveyAnswer(question: "why", text: "Долго")], status: .partial, now: Self.now)
            #expect(try await surveys.answers(invitation: ids[0]).map(\.question) == ["nps"])
            #expect(try await surveys.answers(invitation: ids[1]).map(\.question).sorted() == ["nps", "why"])

            // Answered: wording may change, nothing else; a refused change leaves the definition as it was.
            var worded = Self.survey()
            worded.titleEn = "Your visit"
            worded.questions[2].options[0].labelEn = "A card"
            try await surveys.update(worded, now: Self.now)
            #expect(try await surveys.survey(code: "life") == worded)
            #expect(await Self.status { try await surveys.update(retyped, now: Self.now) } == .conflict)
            var reordered = worded
            reordered.questions.swapAt(1, 2)
            reordered.questions[1].showIf = nil
            #expect(await Self.status { try await surveys.update(reordered, now: Self.now) } == .conflict)
            var conditioned = worded
            conditioned.questions[1].showIf = ShowCondition(question: "nps", atMost: 8)
            #expect(await Self.status { try await surveys.update(conditioned, now: Self.now) } == .conflict)
            #expect(try await surveys.survey(code: "life") == worded)
            #expect(await Self.status { try await surveys.update(Survey(code: "none", titleRu: "Н", titleEn: "", maxQuestions: 1, sampling: .everyone, questions: [Self.survey().questions[0]]), now: Self.now) } == .notFound)

            // Closed: no new invitations (sampled or by hand) and no answers, even to a saved one; closing again is no change.
            #expect(try await surveys.closedAt(survey: "life") == nil)
            try await surveys.close(survey: "life", now: Self.now)
            try await surveys.close(survey: "life", now: Self.now.addingTimeInterval(60))
            #expect(try await surveys.closedAt(survey: "life") == Self.now)
            #expect(await Self.status { _ = try await surveys.sample(survey: "life", [SurveyRepositoryContractTests.visit("v3")], now: Self.now, deliver: false) } == .conflict)
            #expect(await Self.status { _ = try await surveys.invite(survey: "life", SurveyRepositoryContractTests.visit("v4"), now: Self.now, deliver: false) } == .conflict)
            #expect(await Self.status {
                try await surveys.respond(invitation: ids[1], answers: [SurveyAnswer(question: "nps", score: 3)], status: .completed, now: Self.now)
            } == .conflict)
            #expect(try await surveys.invitations(survey: "life").count == 2)
            #expect(await Self.status { try await surveys.close(survey: "none", now: Self.now) } == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func aPastedListIsInvitedOnlyWithAConsentAndOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(try await database.surveys.create(Self.survey(), now: Self.now))
            for (id, contact, channel) in [("f1", "anna@example.org", "email"), ("f2", "+7 900 111-22-33", "email")] {
                let feedback = Feedback(id: id, ts: Self.now.addingTimeInterval(-86_400), channel: .qrWeb, kind: .complaint, nps: 2, comment: "Долго", contact: contact)
                _ = try await database.feedback.insert([feedback], createMissingReferences: true)
                let customer = try #require(try await database.sql.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(id)]).first?.text("customer_id"))
                try await database.consents.record([
                    Consent(id: "cn-\(id)", customer: customer, purpose: .survey, channel: channel, source: "form", givenAt: Self.now.addingTimeInterval(-7 * 86_400)),
                ])
            }
            let invitations = ContactInvitations(database: database.sql)
            #expect(await Self.status { _ = try await invitations.invite(survey: "life", contacts: ["anna@example.org", "nobody"], lang: "ru", now: Self.now) } == .invalidInput)
            let outcomes = try await invitations.invite(
                survey: "life", contacts: ["ANNA@example.org", "+79001112233", "zoe@example.org"], lang: "ru", now: Self.now)
            #expect(outcomes == [.queued, .noConsent, .noConsent], "the phone's customer consented to e-mail only; zoe is unknown")
            #expect(try await invitations.invite(survey: "life", contacts: ["anna@example.org"], lang: nil, now: Self.now) == [.alreadyInvited])
            #expect(try await invitations.deliveryCounts(survey: "life") == ["pending": 1])
            let pending = try await database.surveys.pendingMessages(limit: 10, now: Self.now.addingTimeInterval(1))
            #expect(pending.count == 1 && pending.first?.recipient == "ANNA@example.org" && pending.first?.lang == "ru")
            try await database.surveys.markDelivered(message: try #require(pending.first?.id), now: Self.now)
            #expect(try await invitations.deliveryCounts(survey: "life") == ["sent": 1])
            try await database.surveys.close(survey: "life", now: Self.now)
            #expect(await Self.status { _ = try await invitations.invite(survey: "life", contacts: ["anna@example.org"], lang: nil, now: Self.now) } == .conflict)
        }
    }
}
