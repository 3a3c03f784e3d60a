import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct FeedbackAPITests {
    nonisolated(unsafe) static let item: [String: Any] = ["id": "k-1", "ts": "2026-03-02T09:15:00Z", "channel": "terminal", "location": "L01", "nps": 10]

    @Test func writesNeedAValidApiKey() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: [.contentType: "application/json"], body: jsonBody(Self.item)) {
                #expect($0.status == .unauthorized)
                #expect($0.errorCode == "unauthorized")
            }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: [.authorization: "Bearer otk_nope_nope"], body: jsonBody(Self.item)) {
                #expect($0.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func postedFeedbackShowsInMetricsAtOnce() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            try await client.execute(uri: "/api/v1/metrics?metric=nps&by=location", method: .get, headers: test.auth) {
                #expect($0.status == .ok)
                #expect(($0.json["overall"] as? [String: Any])?["n"] as? Int == 0)
            }
            let batch = ["items": [Self.item, ["id": "k-2", "channel": "qr_web", "location": "L01", "nps": 3, "comment": "Долго ждал"]]]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(batch)) {
                #expect($0.status == .created)
                #expect($0.json["inserted"] as? [String] == ["k-1", "k-2"])
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps&by=location", method: .get, headers: test.auth) { response in
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.count == 1)
                #expect(groups.first?["n"] as? Int == 2)
                #expect(groups.first?["value"] as? Double == 0)  // one promoter, one detractor
                #expect((groups.first?["key"] as? [String: String]) == ["location": "L01"])
            }
            try await client.execute(uri: "/api/v1/feedback/k-2", method: .get, headers: test.auth) {
                #expect($0.json["lang"] as? String == "ru")
                #expect($0.json["kind"] as? String == "informative")
            }
        }
    }

    /// Two NPS answers (10 and 3) among four records: respondents 0, as passives 0, as detractors
    /// 100·(1 − 1 − 2)/4 = −50; each report carries the response rate.
    @Test func npsWithNonResponders() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            let items: [[String: Any]] = [
                Self.item, ["id": "k-2", "channel": "qr_web", "location": "L01", "nps": 3],
                ["id": "k-3", "channel": "qr_web", "location": "L01", "csat": 5], ["id": "k-4", "channel": "button", "location": "L01", "button": "negative"],
            ]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
                #expect($0.status == .created)
            }
            for (metric, value, n) in [("nps", 0.0, 2), ("nps_nonresponders_passive", 0.0, 4), ("nps_nonresponders_detractors", -50.0, 4)] {
                try await client.execute(uri: "/api/v1/metrics?metric=\(metric)", method: .get, headers: test.auth) { response in
                    let overall = response.json["overall"] as? [String: Any] ?? [:]
                    #expect(overall["value"] as? Double == value, "\(metric)")
                    #expect(overall["n"] as? Int == n, "\(metric)")
                    #expect(response.json["notes"] as? [String] == ["NPS response rate 50.0 % (2 answers of 4 records)"])
                }
            }
        }
    }

    @Test func retriesNeverDuplicate() async throws {
        try await TestApp.withRouter { test, client in
            let untimed: [String: Any] = ["id": "k-3", "channel": "button", "location": "L01", "button": "positive"]
            for expected in [HTTPResponse.Status.created, .ok, .ok] {
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": [Self.item, untimed]])) {
                    #expect($0.status == expected)
                }
            }
            #expect(try await test.app.database.feedback.count() == 2)
            #expect(try await test.app.analytics.count() == 2)
            var changed = Self.item
            changed["nps"] = 2
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(changed)) {
                #expect($0.status == .conflict)
                #expect($0.errorField == "items[0].id")
            }
        }
    }

    /// Issue 15 item 20: overlapping retries of an item sent without `ts` are all 200 duplicates (one 201), never 409.
    @Test func overlappingRetriesWithoutTimeAreNeverConflicts() async throws {
        try await TestApp.withRouter { test, client in
            let untimed = jsonBody(["id": "k-race", "channel": "button", "location": "L01", "button": "negative"])
            let headers = test.auth
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<70 {
                    group.addTask {
                        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: headers, body: untimed) { $0.status }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .created }.count == 1)
            #expect(statuses.filter { $0 == .ok }.count == 69, "\(statuses.map(\.code))")
            #expect(try await test.app.database.feedback.count() == 1)
        }
    }

    @Test func oneBadItemRejectsTheWholeBatch() async throws {
        try await TestApp.withRouter { test, client in
            let cases: [([String: Any], String)] = [
                (["id": "b-2", "channel": "terminal", "nps": 11], "items[1].nps"),
                (["id": "b-2", "channel": "pigeon", "nps": 5], "items[1].channel"),
                (["id": "b 2", "channel": "terminal", "nps": 5], "items[1].id"),
                (["id": "b-2", "channel": "terminal", "location": "L99", "nps": 5], "items[1].location"),
                (["id": "b-2", "channel": "terminal", "kind": "complaint", "nps": 1], "items[1].contact"),
                (["id": "b-2", "channel": "terminal", "ts": "last Tuesday", "nps": 5], "items[1].ts"),
                (["id": "b-2", "channel": "terminal", "nps": "five"], "items[1].nps"),
                (["id": "b-2", "channel": "terminal"], "items[1].nps"),
            ]
            for (bad, field) in cases {
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": [Self.item, bad]])) {
                    #expect($0.status.code >= 400 && $0.status.code < 500)
                    #expect($0.errorField == field, "\(bad)")
                }
            }
            #expect(try await test.app.database.feedback.count() == 0)
            #expect(try await test.app.analytics.count() == 0)
        }
    }

    @Test func malformedAndOversizedRequests() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer(string: "{not json")) {
                #expect($0.status == .badRequest)
                #expect($0.errorCode == "invalid_input")
            }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: ByteBuffer()) {
                #expect($0.status == .unprocessableContent)
            }
            let many = (0...1000).map { ["id": "m\($0)", "channel": "button", "button": "positive"] }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": many])) {
                #expect($0.status == .contentTooLarge)
            }
        }
    }

    @Test func listFiltersAndCursor() async throws {
        try await TestApp.withRouter { test, client in
            let items = (0..<5).map { ["id": "l\($0)", "ts": "2026-03-0\($0 + 1)T10:00:00Z", "channel": $0 % 2 == 0 ? "terminal" : "chat", "nps": $0] as [String: Any] }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) { _ in }
            var ids: [String] = []
            var uri = "/api/v1/feedback?limit=2"
            while true {
                let page = try await client.execute(uri: uri, method: .get, headers: test.auth) { $0.json }
                ids += (page["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                guard let next = page["next"] as? String else { break }
                uri = "/api/v1/feedback?limit=2&cursor=\(next)"
            }
            #expect(ids == ["l4", "l3", "l2", "l1", "l0"])
            try await client.execute(uri: "/api/v1/feedback?channel=chat&from=2026-03-02&to=2026-03-04", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["l1"])
            }
            try await client.execute(uri: "/api/v1/feedback?limit=0", method: .get, headers: test.auth) { #expect($0.errorField == "limit") }
            try await client.execute(uri: "/api/v1/feedback?cursor=zzz", method: .get, headers: test.auth) { #expect($0.errorField == "cursor") }
            try await client.execute(uri: "/api/v1/feedback/none", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
        }
    }

    @Test func metricQueryErrorsNameTheParameter() async throws {
        try await TestApp.withRouter { test, client in
            for (query, field) in [("metric=happiness", "metric"), ("metric=nps&by=planet", "by"), ("metric=nps&from=soon", "from"),
                                   ("", "metric"), ("metric=nps&channel=pigeon", "channel"), ("metric=nps&min_n=0", "min_n")] {
                try await client.execute(uri: "/api/v1/metrics?\(query)", method: .get, headers: test.auth) {
                    #expect($0.status == .unprocessableContent)
                    #expect($0.errorField == field)
                }
            }
        }
    }
}
