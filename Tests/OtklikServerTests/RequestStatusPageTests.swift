import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
@testable import OtklikStore
import Testing

/// A service request's status moves on through the API and the customer follows it (issue 19 item 6): re-posting an
/// open request closed answers `updated` and the completion KPI counts it once, closed; its status page
/// (`/request-status/{token}`) shows the service, the dates and the status in the reader's language and nothing
/// personal; once completed it asks the short survey, whose answer is stored once as feedback that counts in the CSAT
/// figures; a cross-site post is refused; an unknown token is a 404.
@Suite struct RequestStatusPageTests {
    @Test func aRequestClosesThroughTheAPIAndItsStatusPageTakesOneAnswer() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.reference.save(Service(code: "passport", name: "Загранпаспорт"))
            var request: [String: Any] = [
                "id": "q1", "service": "passport", "location": "L01", "channel": "web", "customer": "C-77", "submitted_at": "2026-11-02T09:00:00Z",
                "status": "open",
            ]
            try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": [request]])) {
                #expect($0.status == .created)
            }
            let token = try await test.app.database.sql.transaction { tx in try await SQLRequestStatusLinks.create(requestID: "q1", now: Date(), tx) }
            try await client.execute(uri: "/request-status/\(token)?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"request-status\">being processed<") && response.text.contains("id=\"request-submitted\">2 Nov 2026<"))
                #expect(response.text.contains("id=\"request-service\">Загранпаспорт<") && response.text.contains("We are working on it"))
                #expect(!response.text.contains("C-77"), "nothing personal on the page")
                #expect(!response.text.contains("name=\"score\""), "no survey while the request is open")
            }
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/request-status/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: "score=5")) {
                #expect($0.status == .unprocessableContent && $0.text.contains("You can rate it once it is completed."))
            }

            // The request's system posts it again, completed: the stored request moves on.
            request["status"] = "completed"
            request["closed_at"] = "2026-11-05T15:30:00Z"
            request["cost"] = 1500
            for expected in ["updated", "duplicates"] {
                try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": [request]])) { response in
                    #expect(response.status == .ok)
                    #expect(response.json[expected] as? [String] == ["q1"] && (response.json["inserted"] as? [String])?.isEmpty == true)
                }
            }
            var reopened = request
            reopened["status"] = "withdrawn"
            try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": [reopened]])) {
                #expect($0.status == .conflict && $0.errorField == "items[0].status")
            }
            // Counted once, closed: 1 of 1 completed (appended as a second request it would read 1 of 2).
            try await client.execute(uri: "/api/v1/metrics?metric=completion&min_n=1&service=passport", method: .get, headers: test.auth) { response in
                let overall = response.json["overall"] as? [String: Any] ?? [:]
                #expect(overall["n"] as? Int == 1 && overall["value"] as? Double == 100)
            }

            try await client.execute(uri: "/request-status/\(token)?lang=ru", method: .get) { response in
                #expect(response.text.contains("id=\"request-status\">выполнена<") && response.text.contains("id=\"request-closed\">5 нояб. 2026<"))
                #expect(response.text.contains("<dt>Выполнена</dt>") && response.text.contains("Насколько вы довольны тем, как выполнена ваша заявка?"))
                #expect(response.text.contains("<legend>") && response.text.contains("name=\"score\" value=\"1\""))
                #expect(!response.text.contains("1500"), "the cost is not shown")
            }
            // A form posted from another site is refused before anything is read.
            var crossSite = form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/request-status/\(token)", method: .post, headers: crossSite, body: ByteBuffer(string: "score=1")) {
                #expect($0.status == .forbidden)
            }
            var otherOrigin = form
            otherOrigin[.origin] = "https://evil.example"
            try await client.execute(uri: "/request-status/\(token)", method: .post, headers: otherOrigin, body: ByteBuffer(string: "score=1")) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/request-status/\(token)", method: .post, headers: form, body: ByteBuffer(string: "")) {
                #expect($0.status == .unprocessableContent && $0.text.contains("role=\"alert\""))
            }
            try await client.execute(uri: "/request-status/\(token)?lang=ru", method: .post, headers: form, body: ByteBuffer(string: "score=4")) {
                #expect($0.status == .seeOther && $0.headers[.location] == "/request-status/\(token)")
            }
            try await client.execute(uri: "/request-status/\(token)?lang=en", method: .get) { response in
                #expect(response.text.contains("Thank you. Your rating: 4 — satisfied") && !response.text.contains("name=\"score\""))
            }
            try await client.execute(uri: "/request-status/\(token)?lang=en", method: .post, headers: form, body: ByteBuffer(string: "score=1")) {
                #expect($0.status == .unprocessableContent && $0.text.contains("This request has already been rated."))
            }
            // The answer is feedback of the request's customer, service and location: it counts in the CSAT figures.
            let stored = try await test.app.database.sql.query(
                "SELECT customer_id, service_code, location_code, csat, kind, lang FROM feedback WHERE id = ?",
                [.text(SQLRequestStatusLinks.surveyFeedbackID(request: "q1"))])
            #expect(stored.count == 1 && stored.first?.text("customer_id") == "C-77" && stored.first?.text("service_code") == "passport")
            #expect(stored.first?.text("location_code") == "L01" && stored.first?.int("csat") == 4 && stored.first?.text("kind") == "survey_response")
            #expect(stored.first?.text("lang") == "ru")
            try await client.execute(uri: "/api/v1/metrics?metric=csat&min_n=1&service=passport", method: .get, headers: test.auth) { response in
                #expect((response.json["overall"] as? [String: Any])?["n"] as? Int == 1)
            }
            try await client.execute(uri: "/request-status/nope", method: .get) { #expect($0.status == .notFound) }

            // Another system asks for a link of its own: a new token that shows the same request.
            var made = ""
            try await client.execute(uri: "/api/v1/requests/q1/status-link", method: .post, headers: test.auth) { response in
                #expect(response.status == .created)
                made = response.json["status_url"] as? String ?? ""
            }
            #expect(made.hasPrefix("/request-status/") && made != "/request-status/\(token)")
            #expect(try await test.app.database.requestStatusLinks.status(token: String(made.dropFirst("/request-status/".count)))?.rating == 4)
            try await client.execute(uri: "/api/v1/requests/nope/status-link", method: .post, headers: test.auth) { #expect($0.status == .notFound) }
        }
    }

    /// The programmes page names a `service_request_resolved` trigger and the services it is limited to.
    @Test func theProgrammesPageNamesTheResolvedTriggersServices() {
        let text = ["programme_trigger_service_request_resolved": "a service request completed", "programme_services": "services"]
        var programme = Programme(code: "p1", name: "P", trigger: .serviceRequestResolved, action: ProgrammeAction(kind: .callback), outcome: .retention)
        #expect(ProgrammeTriggerText.describe(programme, text: text) == "a service request completed")
        programme.resolution = ServiceRequestResolution(services: ["passport", "licence"])
        #expect(ProgrammeTriggerText.describe(programme, text: text) == "a service request completed · services: passport, licence")
    }
}
