import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// Transparency for the customer (issue 19 item 6) on every engine, end to end in the store: a complaint case opens →
/// the `complaint_opened` programme's message carries the customer's status link; the case is resolved → the
/// `complaint_resolved` programme's message carries a fresh link whose page asks the one CSAT question; the answer is
/// stored once, and only for a resolved case.
@Suite struct CaseStatusLinkContractTests {
    typealias Base = ProgrammeContractTests
    typealias Fixture = FeedbackRepositoryContractTests

    static func programme(_ code: String, _ trigger: ProgrammeTrigger, body: String) -> Programme {
        Programme(
            code: code, name: code, trigger: trigger, action: ProgrammeAction(kind: .message, template: ProgrammeMessageTemplate(
                ru: .init(subject: "Ваше обращение", body: body), en: .init(subject: "Your complaint", body: body))),
            limits: ContactLimits(purpose: .service, maxContacts: 5, windowDays: 7), holdoutShare: 0.01, outcome: .complaints)
    }

    /// The token of the status link in a stored message body (`{otklik_url}/status/TOKEN?lang=ru`).
    static func token(in body: String) throws -> String {
        let start = try #require(body.range(of: "{otklik_url}/status/"))
        return String(body[start.upperBound...].prefix { $0 != "?" })
    }

    @Test(arguments: TestEngine.available)
    func aComplaintsStatusLinkIsSentWhenItOpensAndItsResolutionIsRatedOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let programmes = database.programmes, links = database.caseStatusLinks
            let created = Base.t0.addingTimeInterval(-86_400)
            try await programmes.create(Self.programme("status-opened", .complaintOpened, body: "Мы получили обращение: {status_link}"), now: created)
            try await programmes.create(Self.programme("status-resolved", .complaintResolved, body: "Решено. Оцените: {status_link}"), now: created)
            let customer = try #require(Base.customers(.treated, programme: "status-opened", share: 0.01, count: 50).first {
                HoldoutAssignment.arm(programme: "status-resolved", customer: $0, share: 0.01) == .treated
            })
            try await Base.seedComplaints(database, [Base.complaint("f1", customer: customer, phone: "irina@example.ru")])
            try await database.consents.record([ProgrammeActionKindsContractTests.consent(customer, "email")])
            let step = { try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Base.moscow, now: Base.now) }
            _ = try await step()
            let opened = try await programmes.messages(programme: "status-opened")
            #expect(opened.count == 1 && opened.first?.body.hasPrefix("Мы получили обращение: {otklik_url}/status/") == true)
            let first = try Self.token(in: try #require(opened.first?.body))
            #expect(first.count >= 32, "an unguessable token")
            let open = try #require(try await links.status(token: first))
            #expect(open.status == .new && open.resolvedAt == nil && !open.asksForRating)
            let refused1 = await #expect(throws: OtklikError.self) { try await links.rate(token: first, score: 5) }
            #expect(refused1?.code == .conflict)

            _ = try await database.cases.apply(.resolve(code: "explained", note: nil), to: "case-f1", actor: "anna", now: Base.now, schedule: CaseRepositoryContractTests.schedule)
            _ = try await step()
            let resolved = try await programmes.messages(programme: "status-resolved")
            #expect(resolved.count == 1)
            let second = try Self.token(in: try #require(resolved.first?.body))
            #expect(second != first)
            let done = try #require(try await links.status(token: second))
            #expect(done.status == .resolved && done.resolvedAt != nil && done.asksForRating)
            #expect(try await links.status(token: first)?.status == .resolved, "both links show the same case")

            let refused2 = await #expect(throws: OtklikError.self) { try await links.rate(token: second, score: 6) }
            #expect(refused2?.field == "score")
            try await links.rate(token: second, score: 4, now: Base.now)
            let refused3 = await #expect(throws: OtklikError.self) { try await links.rate(token: first, score: 1) }
            #expect(refused3?.code == .conflict)
            let rated = try await links.status(token: second)
            #expect(rated?.rating == 4 && rated?.asksForRating == false)
            let stored = try await database.sql.query("SELECT case_id, score FROM case_status_ratings")
            #expect(stored.count == 1 && stored.first?.text("case_id") == "case-f1" && stored.first?.int("score") == 4)
            #expect(try await links.status(token: "not-a-token") == nil)
        }
    }
}
