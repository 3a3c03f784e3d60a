import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Pulse surveys to staff: one-time links, unlinkable answers, fixed anonymity settings, and a breakdown from which no
/// hidden group can be recovered by subtraction.
@Suite struct PulseSurveyAPITests {
    /// L01: S01 and 9 more (10); L02: 3; L03: 6; one former employee at L01 is not invited.
    static func seedStaff(_ test: TestApp) async throws {
        let reference = test.app.database.reference
        try await reference.save(Location(code: "L03", name: "Баумана", region: "R1"))
        var staff = (2...10).map { Staff(code: String(format: "S%02d", $0), name: "Сотрудник \($0)", location: "L01", hiredOn: "2024-01-01") }
        staff += (11...13).map { Staff(code: "S\($0)", name: "Сотрудник \($0)", location: "L02") }
        staff += (14...19).map { Staff(code: "S\($0)", name: "Сотрудник \($0)", location: "L03") }
        staff.append(Staff(code: "S99", name: "Ушедший", location: "L01", hiredOn: "2020-01-01", leftOn: "2025-01-31"))
        try await reference.save(staff: staff)
    }

    static let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Starts `code` and answers: at each location, scores for the first links in order.
    static func startAndAnswer(
        _ test: TestApp, _ client: any TestClientProtocol, code: String, scores: [String: [Int]]
    ) async throws -> [[String: Any]] {
        let body = jsonBody(["title": "Пульс, декабрь", "grouping": "location", "minimum_group": 5])
        try await client.execute(uri: "/api/v1/pulse-surveys/\(code)", method: .put, headers: test.auth, body: body) { #expect($0.status == .created) }
        let links = try await client.execute(uri: "/api/v1/pulse-surveys/\(code)/start", method: .post, headers: test.auth) { response in
            #expect(response.status == .created)
            return response.json["links"] as? [[String: Any]] ?? []
        }
        for (location, given) in scores {
            let mine = links.filter { $0["group"] as? String == location }
            for (link, score) in zip(mine, given) {
                let path = try #require(link["url"] as? String)
                try await client.execute(uri: path, method: .post, headers: Self.form, body: ByteBuffer(string: "score=\(score)&comment=\(location)-\(score)")) {
                    #expect($0.status == .ok)
                }
            }
        }
        return links
    }

    @Test func linksAreOneTimeAndAnswersCannotBeJoinedToStaff() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seedStaff(test)
            let links = try await Self.startAndAnswer(test, client, code: "p1", scores: ["L01": [10]])
            #expect(links.count == 19, "everyone employed today, not the former employee")
            #expect(!links.contains { $0["staff"] as? String == "S99" })
            let url = try #require(links.first { $0["group"] as? String == "L01" }?["url"] as? String)
            let token = String(url.split(separator: "/").last!)
            // The same form sent again changes nothing.
            try await client.execute(uri: url, method: .post, headers: Self.form, body: ByteBuffer(string: "score=0")) { #expect($0.status == .gone) }
            try await client.execute(uri: url, method: .get) { #expect($0.status == .gone) }
            try await client.execute(uri: "/pulse/otp_unknown", method: .get) { #expect($0.status == .notFound) }
            let sql = test.app.database.sql
            let answers = try await sql.query("SELECT * FROM pulse_answers")
            #expect(answers.count == 1)
            #expect(answers.first?.int("score") == 10)
            #expect(Set(answers.first?.columns ?? []) == ["id", "survey_code", "group_code", "score", "comment"], "nothing that names the staff member")
            // The token is kept only as a hash: 64 hex digits, never the token itself.
            let hashes = try await sql.query("SELECT token_hash, answered FROM pulse_invitations")
            #expect(hashes.count == 19)
            #expect(hashes.allSatisfy { ($0.text("token_hash") ?? "").count == 64 && $0.text("token_hash") != token })
            #expect(hashes.filter { $0.int("answered") == 1 }.count == 1)
            // A form without a score comes back naming it.
            let other = try #require(links.last?["url"] as? String)
            try await client.execute(uri: other, method: .post, headers: Self.form, body: ByteBuffer(string: "comment=x")) {
                #expect($0.status == .unprocessableContent)
                #expect($0.text.contains("pulse-score-error"))
            }
        }
    }

    @Test func groupingAndMinimumAreFixedOnceStarted() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seedStaff(test)
            try await client.execute(
                uri: "/api/v1/pulse-surveys/p2", method: .put, headers: test.auth, body: jsonBody(["title": "Пульс", "minimum_group": 3])
            ) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "minimum_group")
            }
            _ = try await Self.startAndAnswer(test, client, code: "p2", scores: [:])
            for (field, value) in [("minimum_group", 6 as Any), ("grouping", "team" as Any)] {
                try await client.execute(
                    uri: "/api/v1/pulse-surveys/p2", method: .put, headers: test.auth, body: jsonBody(["title": "Пульс", field: value])
                ) { response in
                    #expect(response.status == .conflict)
                    #expect(response.errorField == field)
                    #expect(response.text.contains("fixed since it started"))
                }
            }
            try await client.execute(uri: "/api/v1/pulse-surveys/p2", method: .put, headers: test.auth, body: jsonBody(["title": "Пульс, январь"])) {
                #expect($0.status == .ok, "the title may change")
            }
            try await client.execute(uri: "/api/v1/pulse-surveys/p2/start", method: .post, headers: test.auth) { #expect($0.status == .conflict) }
        }
    }

    @Test func aSuppressedGroupCannotBeRecoveredBySubtraction() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seedStaff(test)
            // L02's two answers are both detractors: the figure a colleague would want to single out.
            let scores = ["L01": [10, 10, 9, 9, 8, 7, 3, 9], "L02": [2, 4], "L03": [10, 9, 9, 6, 7, 10]]
            _ = try await Self.startAndAnswer(test, client, code: "p3", scores: scores)
            try await client.execute(uri: "/api/v1/pulse-surveys/p3/results", method: .get, headers: test.auth) { response in
                #expect(response.json["answered"] as? Int == 16)
                #expect(response.json["results"] == nil, "no figures while answers still come in")
            }
            try await client.execute(uri: "/api/v1/pulse-surveys/p3/close", method: .post, headers: test.auth) { #expect($0.status == .ok) }
            let results = try await client.execute(uri: "/api/v1/pulse-surveys/p3/results", method: .get, headers: test.auth) {
                try #require($0.json["results"] as? [String: Any])
            }
            let groups = results["groups"] as? [[String: Any]] ?? []
            let byCode = Dictionary(uniqueKeysWithValues: groups.map { ($0["group"] as? String ?? "", $0) })
            #expect(byCode["L02"]?["suppressed"] as? String == "fewer_than_minimum")
            #expect(byCode["L03"]?["suppressed"] as? String == "complementary")
            #expect(byCode["L02"]?["figure"] == nil && byCode["L03"]?["figure"] == nil)
            // Everything shown: the total and every shown group's n, promoters and detractors.
            let total = try #require(results["total"] as? [String: Any])
            func counts(_ figure: [String: Any]) -> (n: Int, p: Int, d: Int) {
                (figure["n"] as? Int ?? 0, figure["promoters"] as? Int ?? 0, figure["detractors"] as? Int ?? 0)
            }
            var rest = counts(total)
            for group in groups { if let figure = group["figure"] as? [String: Any] { let c = counts(figure); rest = (rest.n - c.n, rest.p - c.p, rest.d - c.d) } }
            // The remainder is L02 and L03 pooled (8 answers: 4 promoters, 3 detractors), not L02 (2 answers, 2 detractors).
            #expect(rest.n == 8 && rest.p == 4 && rest.d == 3)
            #expect(!(rest.n == 2 && rest.d == 2), "L02 recovered by subtraction")
            #expect((results["comments"] as? [String])?.first == "L01-10", "comments alphabetical")
        }
    }

    /// eNPS of the month the survey closed beside the next month's customer NPS and CSAT, for shown locations only.
    @Test func theEmployeeCustomerLinkSetsShownLocationsBesideNextMonthsCustomers() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.seedStaff(test)
            let scores = ["L01": [10, 10, 9, 9, 8, 7, 3, 9], "L02": [2, 4], "L03": [10, 9, 9, 6, 7, 10]]
            _ = try await Self.startAndAnswer(test, client, code: "p4", scores: scores)
            try await client.execute(uri: "/api/v1/pulse-surveys/p4/customer-link", method: .get, headers: test.auth) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/pulse-surveys/p4/close", method: .post, headers: test.auth) { #expect($0.status == .ok) }
            // Closed in October 2026 (Moscow time or UTC alike): the customers of November count.
            let october = Int64(ISO8601DateFormatter().date(from: "2026-10-15T12:00:00Z")!.timeIntervalSince1970 * 1000)
            try await test.app.database.sql.execute("UPDATE pulse_surveys SET closed_at = ? WHERE code = 'p4'", [.int(october)])
            var items: [[String: Any]] = []
            for (index, nps) in [10, 10, 3].enumerated() {
                items.append(["id": "n-\(index)", "ts": "2026-11-1\(index)T10:00:00Z", "channel": "terminal", "location": "L01", "nps": nps])
            }
            for (index, csat) in [5, 4, 2].enumerated() {
                items.append(["id": "c-\(index)", "ts": "2026-11-2\(index)T10:00:00Z", "channel": "terminal", "location": "L01", "csat": csat])
            }
            // October's and December's feedback stay out.
            items.append(["id": "o-1", "ts": "2026-10-31T10:00:00Z", "channel": "terminal", "location": "L01", "nps": 0])
            items.append(["id": "d-1", "ts": "2026-12-01T10:00:00Z", "channel": "terminal", "location": "L01", "nps": 0])
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/pulse-surveys/p4/customer-link", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.json["month"] as? String == "2026-10" && response.json["customer_month"] as? String == "2026-11")
                let lines = response.json["lines"] as? [[String: Any]] ?? []
                #expect(lines.map { $0["location"] as? String } == ["L01"], "L02 and L03 are hidden in the results, so they have no line")
                let line = try #require(lines.first)
                let enps = line["enps"] as? [String: Any] ?? [:]
                // L01: 5 promoters (10, 10, 9, 9, 9), 1 detractor (3) of 8: eNPS 50.
                #expect(enps["value"] as? Double == 50 && enps["n"] as? Int == 8)
                let nps = line["nps"] as? [String: Any] ?? [:]
                #expect(abs((nps["value"] as? Double ?? 0) - 100.0 / 3) < 1e-9 && nps["n"] as? Int == 3)
                let csat = line["csat"] as? [String: Any] ?? [:]
                #expect(abs((csat["value"] as? Double ?? 0) - 200.0 / 3) < 1e-9 && csat["n"] as? Int == 3)
                #expect(nps["low"] != nil && nps["high"] != nil && csat["low"] != nil)
            }
        }
    }
}
