import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import Testing

/// `/staff/{code}`: tenure, perceived quality from the metrics engine (the same figure as the metrics API), mystery
/// shopping compliance and recognition; a location manager sees only their locations' staff.
@Suite struct StaffCardTests {
    @Test func theCardJoinsQualityComplianceAndRecognition() async throws {
        try await TestApp.withRouter(minimumN: 2) { test, client in
            try await test.app.database.reference.save(staff: [
                Staff(code: "S01", name: "Анна", location: "L01", role: "operator", team: "T1", hiredOn: "2019-03-01"),
                Staff(code: "S03", name: "Вера", location: "L02", hiredOn: "2020-01-10", leftOn: "2025-06-30"),
            ])
            let now = Date()
            // 3 promoters and 1 detractor of 4: NPS 50.
            var items: [[String: Any]] = [10, 9, 9, 3].enumerated().map { index, score in
                ["id": "sc-\(index)", "ts": Timestamp.format(now.addingTimeInterval(Double(-3600 * (index + 1)))), "channel": "terminal", "location": "L01",
                 "staff": "S01", "nps": score]
            }
            // CSAT 5 and 4: both top-2-box, 100 %.
            items += [5, 4].enumerated().map { index, score in
                ["id": "sc-c\(index)", "ts": Timestamp.format(now.addingTimeInterval(Double(-3600 * (index + 1)))), "channel": "terminal", "location": "L01",
                 "staff": "S01", "csat": score]
            }
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) { #expect($0.status == .created) }
            let thanks: [String: Any] = ["id": "t-1", "from": "S03", "to": "S01", "text": "Спасибо, что подменила"]
            try await client.execute(uri: "/api/v1/recognitions", method: .post, headers: test.auth, body: jsonBody(thanks)) { #expect($0.status == .created) }
            let cookie = try #require(try await DashboardTests.login(client))
            let html = try await client.execute(uri: "/staff/S01?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                return response.text
            }
            #expect(html.contains("since 2019-03-01 ("))
            let row = try #require(html.firstMatch(of: /metric=nps[^"]*">NPS<\/a><\/th><td>([^<]*)<\/td><td>(\d+)<\/td>/))
            #expect(row.output.1 == "50.0" && row.output.2 == "4")
            let csat = try #require(html.firstMatch(of: /metric=csat[^"]*">CSAT<\/a><\/th><td>([^<]*)<\/td><td>(\d+)<\/td>/))
            #expect(csat.output.1 == "100.0 %" && csat.output.2 == "2", "CSAT is a share: it carries its % sign")
            // The linked API figure is the same computation.
            let link = try #require(html.firstMatch(of: /href="(\/api\/v1\/metrics\?metric=nps[^"]*)"/)).output.1
            try await client.execute(uri: String(link), method: .get, headers: test.auth) { response in
                let overall = response.json["overall"] as? [String: Any] ?? [:]
                #expect(overall["value"] as? Double == 50 && overall["n"] as? Int == 4)
            }
            #expect(html.contains("No mystery-shopping visit names this staff member."))
            #expect(html.contains("Thanks: <strong>1</strong>"))
            #expect(html.contains("Спасибо, что подменила"))
            try await client.execute(uri: "/staff/S03?lang=en", method: .get, headers: [.cookie: cookie]) {
                #expect($0.text.contains("worked 2020-01-10 — 2025-06-30 (5 y 5 m)"))
            }
            try await client.execute(uri: "/staff/S77", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .notFound) }
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "olga", passwordHash: hash, role: .locationManager, scope: .locations(["L01"]))
            let olga = try #require(try await NotificationPageTests.login(client, user: "olga"))
            try await client.execute(uri: "/staff/S01", method: .get, headers: [.cookie: olga]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/staff/S03", method: .get, headers: [.cookie: olga]) { #expect($0.status == .notFound, "another location's staff") }
        }
    }
}
