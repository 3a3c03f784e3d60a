import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct InteractionAPITests {
    @Test func interactionsAreWrittenIdempotentlyAndValidated() async throws {
        try await TestApp.withRouter { test, client in
            let call: [String: Any] = [
                "id": "call-1", "arrived_at": "2026-03-02T09:15:00Z", "channel": "call_center", "queue": "cards", "agent": "S01",
                "outcome": "answered", "wait_s": 14, "talk_s": 200,
            ]
            for expected in [HTTPResponse.Status.created, .ok] {
                try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [call]])) {
                    #expect($0.status == expected)
                }
            }
            try await client.execute(uri: "/api/v1/interactions/call-1", method: .get, headers: test.auth) {
                #expect($0.json["wait_s"] as? Double == 14)
                #expect($0.json["agent"] as? String == "S01")
            }
            var bad = call
            bad["id"] = "call-2"
            bad["agent"] = "nobody"
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [bad]])) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[0].agent")
            }
            bad["agent"] = "S01"
            bad["wait_s"] = -1
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [call, bad]])) {
                #expect($0.errorField == "items[1].wait_s")
            }
            #expect(try await test.app.database.interactions.count() == 1)
            try await client.execute(uri: "/api/v1/metrics?metric=asa&by=queue&min_n=1", method: .get, headers: test.auth) { response in
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect((groups.first?["key"] as? [String: String]) == ["queue": "cards"])
                #expect(groups.first?["value"] as? Double == 14)
                #expect((response.json["definition"] as? String)?.hasPrefix("ASA") == true)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=sl&definition=bogus", method: .get, headers: test.auth) {
                #expect($0.errorField == "definition")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=sl&by=location", method: .get, headers: test.auth) {
                #expect($0.errorField == "by")
            }
        }
    }
}
