import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// Transparency for a service request (issue 19 item 6) on every engine, end to end in the store: a customer's request
/// reaching `completed` triggers a `service_request_resolved` programme once per request (its `services` filter holds;
/// a rejected request and a request of nobody trigger nothing; a replay adds nothing); the message carries the
/// customer's status link, whose token finds the request's public status; the short survey's answer is feedback linked
/// to the request's customer, service and location, once per request.
@Suite struct RequestStatusLinkContractTests {
    typealias Base = ProgrammeContractTests
    typealias Rounds = ProgrammeRoundsContractTests
    static let t0 = Base.t0

    static func programme(services: [String]) -> Programme {
        var programme = Rounds.message("request-done", trigger: .serviceRequestResolved)
        programme.resolution = ServiceRequestResolution(services: services)
        programme.action.template = ProgrammeMessageTemplate(
            ru: .init(subject: "Заявка выполнена", body: "Готово. Как всё прошло? {status_link}"),
            en: .init(subject: "Request completed", body: "Done. How did it go? {status_link}"))
        return programme
    }

    static func request(_ id: String, service: String = "passport", customer: String?, status: RequestStatus = .open) -> ServiceRequest {
        ServiceRequest(
            id: id, service: service, location: "L01", channel: .web, customer: customer, submittedAt: t0, status: status,
            closedAt: status == .open ? nil : t0.addingTimeInterval(2 * 86_400))
    }

    /// The token of the request's status link in a stored message body (`{otklik_url}/request-status/TOKEN?lang=ru`).
    static func token(in body: String) throws -> String {
        let start = try #require(body.range(of: "{otklik_url}/request-status/"))
        return String(body[start.upperBound...].prefix { $0 != "?" })
    }

    @Test(arguments: TestEngine.available)
    func aCompletedRequestSendsItsStatusLinkOnceAndItsSurveyIsAnsweredOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await FeedbackRepositoryContractTests.seedReference(database)
            let programmes = database.programmes, links = database.requestStatusLinks
            try await programmes.create(Self.programme(services: ["passport"]), now: Self.t0.addingTimeInterval(-86_400))
            let (treated, _) = try await Rounds.seedCustomers(database, programme: "request-done", treated: 1)
            let customer = treated[0]
            _ = try await database.process.insert([
                Self.request("r1", customer: customer), Self.request("r2", service: "licence", customer: customer),
                Self.request("r3", customer: customer), Self.request("r4", customer: nil),
            ], createMissingReferences: true)
            let step = { try await programmes.triggerFromFeed(consumer: "programmes", following: nil, limit: 100, organisationZone: Base.moscow, now: Base.now) }
            _ = try await step()
            #expect(try await programmes.messages(programme: "request-done").isEmpty, "open requests trigger nothing")

            _ = try await database.process.insert([
                Self.request("r1", customer: customer, status: .completed), Self.request("r2", service: "licence", customer: customer, status: .completed),
                Self.request("r3", customer: customer, status: .rejected), Self.request("r4", customer: nil, status: .completed),
            ], createMissingReferences: true)
            _ = try await step()
            _ = try await step()
            let actions = try await programmes.actions(programme: "request-done")
            #expect(actions.map(\.triggerKey) == ["service_request_resolved:r1"] && actions.map(\.customer) == [customer])
            let messages = try await programmes.messages(programme: "request-done")
            #expect(messages.count == 1 && messages.first?.body.hasPrefix("Готово. Как всё прошло? {otklik_url}/request-status/") == true)
            let token = try Self.token(in: try #require(messages.first?.body))
            #expect(token.count >= 32, "an unguessable token")
            let stored = try await database.sql.query("SELECT token_hash, request_id FROM request_status_links")
            #expect(stored.count == 1 && stored.first?.text("request_id") == "r1" && stored.first?.text("token_hash") != token, "only a hash is kept")

            let view = try #require(try await links.status(token: token))
            #expect(view.status == .completed && view.service == "passport" && view.serviceName == "passport" && view.closedAt != nil)
            #expect(view.asksForRating && view.customer == customer)
            let outOfRange = #expect(throws: OtklikError.self) { _ = try SQLRequestStatusLinks.surveyAnswer(for: view, score: 6, language: "ru", at: Base.now) }
            #expect(outOfRange?.field == "score")
            let answer = try SQLRequestStatusLinks.surveyAnswer(for: view, score: 4, language: "ru", at: Base.now)
            #expect(answer.customer == customer && answer.service == "passport" && answer.location == "L01" && answer.csat == 4)
            #expect(answer.kind == .surveyResponse && answer.id == SQLRequestStatusLinks.surveyFeedbackID(request: "r1") && answer.id.count <= 64)
            _ = try await database.feedback.insert([answer], createMissingReferences: false)
            let rated = try #require(try await links.status(token: token))
            #expect(rated.rating == 4 && !rated.asksForRating)
            let again = #expect(throws: OtklikError.self) { _ = try SQLRequestStatusLinks.surveyAnswer(for: rated, score: 1, language: "en", at: Base.now) }
            #expect(again?.code == .conflict)
            let linked = try await database.sql.query("SELECT customer_id, service_code, location_code, csat FROM feedback WHERE id = ?", [.text(answer.id)])
            #expect(linked.first?.text("customer_id") == customer && linked.first?.int("csat") == 4)

            // A rejected request's page asks nothing; a link for another system needs a request of a customer.
            let rejected = try await links.create(requestID: "r3")
            #expect(try await links.status(token: rejected)?.asksForRating == false)
            let nobody = await #expect(throws: OtklikError.self) { _ = try await links.create(requestID: "r4") }
            #expect(nobody?.code == .notFound)
            let elsewhere = await #expect(throws: OtklikError.self) { _ = try await links.create(requestID: "r1", locations: ["L02"]) }
            #expect(elsewhere?.code == .notFound)
            #expect(try await links.status(token: "not-a-token") == nil)
        }
    }
}
