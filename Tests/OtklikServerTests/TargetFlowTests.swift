import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// KPI targets end to end: set over the API (validated all or nothing), shown on the dashboard's cards against the
/// figure, judged with its interval, for the most specific scope the view names.
///
/// October 2026 at L01: 100 CSAT answers, 90 of them 5 and 10 of them 2, so CSAT 90.0 % with Wilson's 95 % interval
/// [82.6; 94.5] (centre (0.9 + 1.92/100)/1.0384 = 0.8852, half-width 1.96·√(0.0009 + 0.000096)/1.0384 = 0.0596).
/// The baseline of a target for October (31 days) is 2026-08-31 … 2026-09-30: 100 answers there, 70 of them 5: 70.0 %.
@Suite struct TargetFlowTests {
    static func seed(_ test: TestApp) async throws {
        let october = ISO8601DateFormatter().date(from: "2026-10-15T10:00:00Z")!
        let september = ISO8601DateFormatter().date(from: "2026-09-15T10:00:00Z")!
        let items = (0..<100).map { Feedback(id: "o\($0)", ts: october, channel: .terminal, kind: .informative, location: "L01", csat: $0 < 90 ? 5 : 2) }
            + (0..<100).map { Feedback(id: "s\($0)", ts: september, channel: .terminal, kind: .informative, location: "L01", csat: $0 < 70 ? 5 : 2) }
        _ = try await test.app.ingest.ingest(items)
    }

    @Test func targetsByAPIOnTheDashboard() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await Self.seed(test)
            let unknown: [String: Any] = ["items": [
                ["metric": "csat", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 80, "kind": "absolute"],
                ["metric": "csat", "scope": "location", "code": "L99", "from": "2026-01-01", "to": "2026-12-31", "target": 80, "kind": "absolute"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(unknown)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[1].code")
            }
            let relativeNPS: [String: Any] = ["items": [
                ["metric": "nps", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 5, "kind": "relative_change"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(relativeNPS)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[0].kind")
            }
            try await client.execute(uri: "/api/v1/targets", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [Any])?.isEmpty == true, "refused lists store nothing")
            }
            let targets: [String: Any] = ["items": [
                ["metric": "csat", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 80, "kind": "absolute"],
                ["metric": "csat", "scope": "location", "code": "L01", "from": "2026-10-01", "to": "2026-12-31", "target": 92, "kind": "absolute"],
                ["metric": "csat", "scope": "region", "code": "R1", "from": "2026-10-01", "to": "2026-10-31", "target": 5, "kind": "relative_change"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(targets)) {
                #expect($0.status == .ok && ($0.json["items"] as? [Any])?.count == 3)
            }

            let cookie = try #require(try await DashboardTests.login(client))
            let october = "from=2026-10-01&to=2026-10-31"
            let (_, network) = try await DashboardFigureTests.page(client, cookie, "/?\(october)&lang=en")
            #expect(network.contains("Target: 80.0 %</span> <span class=\"muted\">(organisation, 2026-01-01 – 2026-12-31)"))
            #expect(network.contains("target-met"))
            #expect(network.contains("Target met: the whole 95% CI is at or above it</strong> <span class=\"muted\">+10.0 pp"))

            let (_, office) = try await DashboardFigureTests.page(client, cookie, "/?\(october)&location=L01&lang=en")
            #expect(office.contains("Target: 92.0 %</span> <span class=\"muted\">(location Офис на Тверской, 2026-10-01 – 2026-12-31)"))
            #expect(office.contains("Not decided yet: the 95% CI contains the target</strong> <span class=\"muted\">−2.0 pp"))

            // +5 % on 70.0 %: the goal is 73.5 %, and the whole interval [82.6; 94.5] is above it.
            let (_, region) = try await DashboardFigureTests.page(client, cookie, "/?\(october)&region=R1&lang=ru")
            #expect(region.contains("Цель: 73,5 % (+5,0 % к 2026-08-31 – 2026-09-30)"))
            #expect(region.contains("(регион Москва, 2026-10-01 – 2026-10-31)"))
            #expect(region.contains("Цель достигнута: весь 95% ДИ не ниже цели</strong> <span class=\"muted\">+16,5 п. п."))

            // No target is in force in 2027: no target line.
            let (_, later) = try await DashboardFigureTests.page(client, cookie, "/?from=2027-01-01&to=2027-01-31&lang=en")
            #expect(!later.contains("class=\"target"))
        }
    }
}
