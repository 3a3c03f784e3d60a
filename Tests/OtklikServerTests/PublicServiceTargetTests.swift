import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 20 item 2, "target against actual wherever the KPI appears", on `/public-services`: public-service targets
/// (`completion`, `cost_per_service`, …) set over the API are judged on their cards with the figure's interval, the
/// most specific scope the view names winning, and a cost target is a ceiling.
///
/// October 2026 at L01: 100 requests for SV1, 80 completed (each costing 1,000), 20 still open: completion 80.0 %
/// with Wilson's 95 % interval [71.1; 86.7] (centre (0.8 + 1.92/100)/1.0384 = 0.7889, half-width
/// 1.96·√(0.0016 + 0.000096)/1.0384 = 0.0777).
@Suite struct PublicServiceTargetTests {
    @Test func publicServiceTargetsAreJudgedOnTheirCards() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            let october = ISO8601DateFormatter().date(from: "2026-10-10T10:00:00Z")!
            let requests = (0..<100).map { index in
                ServiceRequest(
                    id: "ps\(index)", service: "SV1", location: "L01", channel: index < 40 ? .web : .terminal, submittedAt: october,
                    status: index < 80 ? .completed : .open, closedAt: index < 80 ? october.addingTimeInterval(86_400) : nil,
                    cost: index < 80 ? 1_000 : nil)
            }
            _ = try await test.app.database.process.insert(requests, createMissingReferences: true)
            try await test.app.follower.catchUp()
            let targets: [String: Any] = ["items": [
                ["metric": "completion", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 95, "kind": "absolute"],
                ["metric": "completion", "scope": "location", "code": "L01", "from": "2026-01-01", "to": "2026-12-31", "target": 75, "kind": "absolute"],
                ["metric": "cost_per_service", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 2_000, "kind": "absolute"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(targets)) {
                #expect($0.status == .ok, "\($0.text)")
            }
            let bad: [String: Any] = ["items": [
                ["metric": "contacts_per_request", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 5_000, "kind": "absolute"],
            ]]
            try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[0].target", "\($0.text)")
            }
            let cookie = try #require(try await DashboardTests.login(client))
            func card(_ query: String, _ id: String) async throws -> String {
                try await client.execute(uri: "/public-services?from=2026-10-01&to=2026-10-31&lang=en\(query)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    let html = response.text
                    // The card alone: from its id to the next card.
                    guard let start = html.range(of: "id=\"kpi-\(id)\"") else { return "" }
                    let rest = html[start.upperBound...]
                    return String(rest[..<(rest.range(of: "class=\"kpi kpi-figure\"")?.lowerBound ?? rest.endIndex)])
                }
            }
            let organisation = try await card("", "completion")
            #expect(organisation.contains("80.0 %") && organisation.contains("[71.1; 86.7]"), "\(organisation)")
            #expect(organisation.contains("target-missed") && organisation.contains("Target: 95.0 %</span> <span class=\"muted\">(organisation, 1 Jan 2026 – 31 Dec 2026)"))
            #expect(organisation.contains("Target missed: the whole 95% CI is below it</strong> <span class=\"muted\">−15.0 pp"))
            let office = try await card("&location=L01", "completion")
            #expect(office.contains("target-undecided") && office.contains("Target: 75.0 %"), "the location's own target wins: \(office)")
            let cost = try await card("", "cost_per_service")
            #expect(cost.contains("target-met") && cost.contains("Target met: the whole 95% CI is at or below it"), "a cost target is a ceiling: \(cost)")
            let online = try await card("", "online_share")
            #expect(online.contains("40.0 %") && !online.contains("class=\"target"), "no online-share target: no note")
        }
    }
}
