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
            try await client.execute(uri: "/api/v1/metrics?metric=sl&by=galaxy", method: .get, headers: test.auth) {
                #expect($0.errorField == "by")
            }
        }
    }

    @Test func callKPIsFilterByLocationAndRegion() async throws {
        try await TestApp.withRouter { test, client in
            let calls: [[String: Any]] = [
                ["id": "c1", "arrived_at": "2026-03-02T09:15:00Z", "channel": "call_center", "location": "L01", "outcome": "answered", "wait_s": 10],
                ["id": "c2", "arrived_at": "2026-03-02T09:16:00Z", "channel": "call_center", "location": "L02", "outcome": "answered", "wait_s": 30],
                ["id": "c3", "arrived_at": "2026-03-02T09:17:00Z", "channel": "call_center", "outcome": "answered", "wait_s": 50],
            ]
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": calls])) {
                #expect($0.status == .created)
            }
            for (query, mean, n) in [("location=L02", 30.0, 1), ("region=R1", 20.0, 2), ("", 30.0, 3)] {
                try await client.execute(uri: "/api/v1/metrics?metric=asa&min_n=1&\(query)", method: .get, headers: test.auth) { response in
                    let overall = response.json["overall"] as? [String: Any] ?? [:]
                    #expect(overall["value"] as? Double == mean, "\(query)")
                    #expect(overall["n"] as? Int == n, "\(query)")
                }
            }
            try await client.execute(uri: "/api/v1/metrics?metric=asa&min_n=1&by=region", method: .get, headers: test.auth) { response in
                let keys = (response.json["groups"] as? [[String: Any]] ?? []).compactMap { ($0["key"] as? [String: String])?["region"] }
                #expect(keys == ["", "R1"])
            }
        }
    }

    @Test func requestsCalendarAndPublicServiceKPIs() async throws {
        try await TestApp.withRouter { test, client in
            let requests: [[String: Any]] = [
                ["id": "r1", "service": "SV1", "location": "L01", "channel": "web", "customer": "C1", "submitted_at": "2026-03-02T09:00:00Z",
                 "status": "completed", "closed_at": "2026-03-03T09:00:00Z", "cost": 800],
                ["id": "r2", "service": "SV1", "channel": "other", "submitted_at": "2026-03-02T10:00:00Z", "status": "open"],
            ]
            for expected in [HTTPResponse.Status.created, .ok] {
                try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": requests])) {
                    #expect($0.status == expected)
                }
            }
            var bad = requests[1]
            bad["id"] = "r3"
            bad["closed_at"] = "2026-03-03T09:00:00Z"
            try await client.execute(uri: "/api/v1/requests", method: .post, headers: test.auth, body: jsonBody(["items": [bad]])) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[0].closed_at")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=completion&min_n=1&by=service", method: .get, headers: test.auth) { response in
                let overall = response.json["overall"] as? [String: Any] ?? [:]
                #expect(overall["value"] as? Double == 50)
                #expect(overall["n"] as? Int == 2)
                #expect((response.json["definition"] as? String)?.hasPrefix("Completion share") == true)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=online_share&by=queue", method: .get, headers: test.auth) {
                #expect($0.errorField == "by")
            }
            // An e-mail received Friday 6 March, answered Thursday 12 March: late (the term ends Wednesday 11), unless Monday 9 March is a holiday.
            let email: [String: Any] = [
                "id": "e1", "arrived_at": "2026-03-06T10:00:00Z", "channel": "email", "outcome": "answered", "wait_s": 6 * 86_400,
            ]
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [email]])) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=email_answered&min_n=1", method: .get, headers: test.auth) {
                #expect(($0.json["overall"] as? [String: Any])?["value"] as? Double == 0)
            }
            let holiday: [String: Any] = ["items": [["date": "2026-03-09", "working": false, "name": "Международный женский день"]]]
            try await client.execute(uri: "/api/v1/calendar", method: .put, headers: test.auth, body: jsonBody(holiday)) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=email_answered&min_n=1", method: .get, headers: test.auth) {
                #expect(($0.json["overall"] as? [String: Any])?["value"] as? Double == 100)
            }
            let badDay: [String: Any] = ["items": [["date": "2026-02-30", "working": false]]]
            try await client.execute(uri: "/api/v1/calendar", method: .put, headers: test.auth, body: jsonBody(badDay)) {
                #expect($0.errorField == "items[0].date")
            }
            try await client.execute(uri: "/api/v1/calendar", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.count == 1)
            }
            let states: [String: Any] = ["items": [
                ["agent": "S01", "state": "handling", "start": "2026-03-02T09:00:00Z", "end": "2026-03-02T09:45:00Z"],
                ["agent": "S01", "state": "available", "start": "2026-03-02T09:45:00Z", "end": "2026-03-02T10:00:00Z"],
            ]]
            try await client.execute(uri: "/api/v1/agent-states", method: .post, headers: test.auth, body: jsonBody(states)) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=occupancy&min_n=1&by=agent", method: .get, headers: test.auth) {
                #expect(($0.json["overall"] as? [String: Any])?["value"] as? Double == 75)
            }
        }
    }
}
