import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikApplication
@testable import OtklikServer
import Testing

/// `POST /api/v1/surveys/{code}/interactions` after survey sampling moved to the change feed (issue 17 item 2): the
/// request stores the offers, the `survey-sampling` consumer decides them; when it does not within the wait the request
/// answers 202 `pending`, and `GET /api/v1/surveys/{code}/interactions/{id}` reads the decision once made.
@Suite struct SurveySamplingFeedTests {
    @Test func undecidedWithinTheWaitIsAcceptedAndReadLater() async throws {
        let test = try await TestApp.make()
        do {
            var app = test.app
            // The consumer held, as on a server whose sampling is backed up: its step never runs here.
            app.surveySampling = DurableFeedConsumer(
                name: OtklikApp.surveySamplingName, database: app.database, pause: .seconds(3600), logger: app.logger) { false }
            app.samplingWait = .milliseconds(300)
            try await Application(router: try await app.buildRouter()).test(.router) { client in
                try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(SurveyFlowTests.survey)) {
                    #expect($0.status == .created)
                }
                try await test.app.surveySampling.catchUp()  // past the set-up's events: the offer's is the one left
                let visits: [String: Any] = ["items": [
                    ["id": "v1", "at": "2026-11-20T10:00:01Z", "location": "L01", "contact": "+7 900 000-00-01"],
                    ["id": "v2", "at": "2026-11-20T10:00:02Z", "location": "L01"],
                ]]
                let started = ContinuousClock.now
                try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                    #expect(response.status == .accepted)
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    #expect(items.map { $0["interaction"] as? String } == ["v1", "v2"])
                    #expect(items.allSatisfy { $0["outcome"] as? String == "pending" && $0["duplicate"] as? Bool == false && $0["link"] == nil })
                }
                #expect(ContinuousClock.now - started >= .milliseconds(300), "it waited for the decisions first")
                try await client.execute(uri: "/api/v1/surveys/visit/interactions/v1", method: .get, headers: test.auth) { response in
                    #expect(response.status == .ok)
                    #expect(response.json["outcome"] as? String == "pending" && response.json["interaction"] as? String == "v1")
                }
                try await client.execute(uri: "/api/v1/surveys/visit/interactions/never", method: .get, headers: test.auth) { response in
                    #expect(response.status == .notFound && response.errorField == "id")
                }
                try await client.execute(uri: "/health", method: .get) { response in
                    let consumer = FeedConsumerFailureTests.consumer(OtklikApp.surveySamplingName, in: response.json)
                    #expect(consumer?["lag_events"] as? Int == 1, "the offer's event waits")
                }

                // The server's own consumer (a restart, another server) decides them: the link is read with the decision.
                try await test.app.surveySampling.catchUp()
                let decided: [String: Any] = try await client.execute(uri: "/api/v1/surveys/visit/interactions/v1", method: .get, headers: test.auth) { response in
                    #expect(response.status == .ok)
                    return response.json
                }
                #expect(decided["outcome"] as? String == "invited" && decided["duplicate"] == nil)
                let link = try #require(decided["link"] as? String)
                #expect(link.contains("/s/"))
                let invitation = try #require(decided["invitation"] as? String)
                try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                    #expect(response.status == .ok, "every item offered before")
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    #expect(items.map { $0["outcome"] as? String } == ["invited", "invited"])
                    #expect(items.allSatisfy { $0["duplicate"] as? Bool == true })
                    #expect(items.first?["invitation"] as? String == invitation && items.first?["link"] as? String == link)
                }
                #expect(try await test.app.database.surveys.invitations(survey: "visit").count == 2, "decided once")
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(FeedConsumerFailureTests.consumer(OtklikApp.surveySamplingName, in: response.json)?["lag_events"] as? Int == 0)
                }
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    @Test func decidedWithinTheWaitAnswersTheDecisionsAsBefore() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/surveys", method: .post, headers: test.auth, body: jsonBody(SurveyFlowTests.survey)) { #expect($0.status == .created) }
            // A closed survey and a bad item are refused before anything is written.
            let bad: [String: Any] = ["items": [["id": "ok", "location": "L01"], ["id": "bad id", "location": "L01"]]]
            try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(bad)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "items[1].id")
            }
            try await client.execute(uri: "/api/v1/surveys/nope/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [["id": "x"]]])) {
                #expect($0.status == .notFound)
            }
            #expect(try await test.app.database.sql.query("SELECT COUNT(*) AS n FROM survey_offers").first?.int("n") == 0)
            let visits: [String: Any] = ["items": [["id": "w1", "location": "L01"], ["id": "w2", "location": "L01"], ["id": "w1", "location": "L01"]]]
            try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(visits)) { response in
                #expect(response.status == .created)
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["outcome"] as? String } == ["invited", "invited", "invited"])
                #expect(items.map { $0["duplicate"] as? Bool } == [false, false, true], "the second w1 is the first one's decision")
                #expect(items.allSatisfy { ($0["link"] as? String)?.contains("/s/") == true })
            }
            // The invitations the consumer decided wait the hand-over in the outbox: a delivery round now (which would
            // forget the tokens) sends nothing, so an offering request still waiting is never left without its links.
            // Before, a round between the decision and the request's read took the link away (a loaded full run).
            let dispatcher = InvitationDispatcher(
                repository: test.app.database.surveys, deliveries: test.app.database.deliveries, sender: LogInvitationSender(logger: Logger(label: "test")),
                baseURL: "http://127.0.0.1", policy: DeliveryPolicy(maxAttempts: 5, baseSeconds: 30), pollInterval: .seconds(2), logger: Logger(label: "test"))
            #expect(try await dispatcher.deliverDue(now: Date()) == 0, "not due during the hand-over")
            try await client.execute(uri: "/api/v1/surveys/visit/interactions/w2", method: .get, headers: test.auth) { response in
                #expect((response.json["link"] as? String)?.contains("/s/") == true)
            }
            #expect(try await dispatcher.deliverDue(now: Date().addingTimeInterval(3600)) == 2, "delivered once it is over")
            // The decision carries the invitation's link: read only by keys that may offer, not by a reader (403) nor by a
            // key limited to some locations (422 scope_surveys, as for the POST).
            let reader = try await test.app.database.access.createApiKey(name: "reader", scope: .read, area: .organisation).secret
            try await client.execute(uri: "/api/v1/surveys/visit/interactions/w1", method: .get, headers: [.authorization: "Bearer \(reader)"]) {
                #expect($0.status == .forbidden)
            }
            let l01 = try await test.app.database.access.createApiKey(name: "l01", scope: .admin, area: .locations(["L01"])).secret
            try await client.execute(uri: "/api/v1/surveys/visit/interactions/w1", method: .get, headers: [.authorization: "Bearer \(l01)"]) {
                #expect($0.status == .unprocessableContent && $0.errorField == "scope_surveys")
            }
            try await client.execute(uri: "/api/v1/surveys/visit/interactions/w1", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok && response.json["outcome"] as? String == "invited")
            }
            try await client.execute(uri: "/api/v1/surveys/visit/close", method: .post, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/surveys/visit/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [["id": "w3"]]])) {
                #expect($0.status == .conflict)
            }
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(FeedConsumerFailureTests.consumer(OtklikApp.surveySamplingName, in: response.json)?["failing"] as? Bool == false)
            }
        }
    }
}
