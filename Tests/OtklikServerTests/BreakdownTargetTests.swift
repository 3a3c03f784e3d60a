import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// Issue 20 item 2: target against actual on every row of a KPI breakdown (`/case-reports`' tables) and in
/// `GET /api/v1/metrics` (the `target` of every metric that has one, and of each `by` row), judged by the one
/// ``TargetJudgement`` with the row's own 95 % interval.
///
/// The cases, by hand (as in ``CaseTargetTests``: opened Monday 2 March 2026 10:00 Moscow, a 16-business-hour
/// deadline, the ones resolved at 11:00 in time, the others long overdue), 20 complaints at each of three locations:
/// L01 (about staff S01, at L01) all 20 in time: 100.0 %, Wilson [83.9; 100.0]; L02 none in time: 0.0 %, [0.0; 16.1];
/// L03 18 in time: 90.0 %, [69.9; 97.2]. All 60: 38 / 60 = 63.3 %, [50.7; 74.4]. Targets for SLA attainment: the
/// organisation's 85 %, L01's own 80 %. So L01 meets its own 80 (83.9 ≥ 80, gap +20.0 pp), L02 misses the
/// organisation's 85 (16.1 < 85, −85.0 pp), L03 is undecided against 85 (inside [69.9; 97.2], +5.0 pp); staff S01 is
/// judged against their location's 80: met; the month 2026-03 and the team-less row against the organisation's:
/// missed.
///
/// NPS, October 2026: L01 40 answers, 30 promoters, 4 detractors: NPS 65.0, adjusted Wald (n + 3 = 43, p = 30.75/43,
/// d = 4.75/43, variance (p + d − (p − d)²)/43 = 0.010697) [40.2; 80.7]; L02 40 answers, 10 promoters, 20
/// detractors: −25.0, [−47.9; 1.4]; all 80: 40 promoters, 24 detractors: 20.0, [0.6; 37.9]. Targets: the
/// organisation's 30, L01's 70. Overall undecided against 30 (gap −10), L01 undecided against its 70 (gap −5), L02
/// missed against 30 (gap −55).
@Suite struct BreakdownTargetTests {
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "+03:00")! }

    static func seedCases(_ test: TestApp) async throws {
        var organisation = try await test.app.database.reference.organisation()
        organisation.timezone = "Europe/Moscow"
        try await test.app.database.reference.save(organisation)
        try await test.app.database.reference.save(Location(code: "L03", name: "Office Three", region: "R1"))
        try await test.app.analytics.setRegion("R1", ofLocation: "L03")
        let schedule = try await test.app.caseSchedule.current()
        let cases = test.app.database.cases
        let monday = Self.at("2026-03-02T10:00:00")
        var items: [Feedback] = []
        var resolved: [String] = []
        for (location, inTime) in [("L01", 20), ("L02", 0), ("L03", 18)] {
            for index in 0..<20 {
                let id = "bt-\(location)-\(index)"
                items.append(Feedback(
                    id: id, ts: monday, channel: .qrWeb, kind: .complaint, location: location, staff: location == "L01" ? "S01" : nil, csat: 1,
                    comment: "x", contact: String(format: "+7 900 %03d-%02d-00", 100 + items.count, index)))
                if index < inTime { resolved.append(id) }
            }
        }
        _ = try await test.app.database.feedback.insert(items, createMissingReferences: false)
        _ = try await cases.openCases(forFeedback: items.map(\.id), schedule: schedule, now: monday)
        for id in resolved {
            _ = try await cases.apply(.resolve(code: "fixed", note: nil), to: "case-\(id)", actor: "anna", now: Self.at("2026-03-02T11:00:00"), schedule: schedule)
        }
    }

    static func put(_ items: [[String: Any]], _ test: TestApp, _ client: any TestClientProtocol) async throws {
        try await client.execute(uri: "/api/v1/targets", method: .put, headers: test.auth, body: jsonBody(["items": items])) {
            #expect($0.status == .ok, "\($0.text)")
        }
    }

    /// The `<tr>` of the row named `name` in the table `id`.
    static func row(_ html: String, table id: String, name: String) -> String {
        guard let start = html.range(of: "<table id=\"\(id)\">") else { return "" }
        let table = html[start.upperBound...]
        let body = table[..<(table.range(of: "</table>")?.lowerBound ?? table.endIndex)]
        guard let head = body.range(of: "<th scope=\"row\">\(name)") else { return "" }
        let rest = body[head.lowerBound...]
        return String(rest[..<(rest.range(of: "</tr>")?.lowerBound ?? rest.endIndex)])
    }

    /// The first figure cell of a row: SLA attainment, the tables' first column.
    static func firstCell(_ row: String) -> String {
        guard let start = row.range(of: "<td>") else { return "" }
        let rest = row[start.upperBound...]
        return String(rest[..<(rest.range(of: "</td>")?.lowerBound ?? rest.endIndex)])
    }

    @Test func rowsOfTheCaseTablesAreJudgedAgainstTheirOwnTargets() async throws {
        try await TestApp.withRouter(minimumN: 10) { test, client in
            try await Self.seedCases(test)
            try await Self.put([
                ["metric": "sla_attainment", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 85, "kind": "absolute"],
                ["metric": "sla_attainment", "scope": "location", "code": "L01", "from": "2026-01-01", "to": "2026-12-31", "target": 80, "kind": "absolute"],
            ], test, client)

            // The API: each by=location row with its own target object.
            let groups = try await client.execute(
                uri: "/api/v1/metrics?metric=sla_attainment&by=location&from=2026-03-01&to=2026-04-01", method: .get, headers: test.auth
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                #expect((response.json["target"] as? [String: Any])?["status"] as? String == "missed", "63.3 % [50.7; 74.4] against 85")
                return response.json["groups"] as? [[String: Any]] ?? []
            }
            func target(_ location: String) -> [String: Any] {
                groups.first { ($0["key"] as? [String: String])?["location"] == location }?["target"] as? [String: Any] ?? [:]
            }
            #expect(target("L01")["status"] as? String == "met" && target("L01")["scope"] as? String == "location" && target("L01")["code"] as? String == "L01")
            #expect(abs((target("L01")["gap"] as? Double ?? 0) - 20) < 1e-9 && target("L01")["goal"] as? Double == 80, "\(target("L01"))")
            #expect(target("L02")["status"] as? String == "missed" && target("L02")["scope"] as? String == "organisation" && target("L02")["code"] == nil)
            #expect(abs((target("L02")["gap"] as? Double ?? 0) + 85) < 1e-9, "\(target("L02"))")
            #expect(target("L03")["status"] as? String == "undecided" && abs((target("L03")["gap"] as? Double ?? 0) - 5) < 1e-9, "\(target("L03"))")
            try await client.execute(uri: "/api/v1/metrics?metric=backlog&by=location&from=2026-03-01&to=2026-04-01", method: .get, headers: test.auth) { response in
                let rows = response.json["groups"] as? [[String: Any]] ?? []
                #expect(!rows.isEmpty && rows.allSatisfy { $0["target"] == nil }, "no target for the backlog")
            }

            // The page: the same verdicts in words on the rows, whose target it is above each table.
            let cookie = try #require(try await DashboardTests.login(client))
            let html = try await client.execute(uri: "/case-reports?from=2026-03-01&to=2026-03-31&lang=en", method: .get, headers: [.cookie: cookie]) {
                #expect($0.status == .ok)
                return $0.text
            }
            let l01 = Self.firstCell(Self.row(html, table: "by-location", name: "Офис на Тверской"))
            #expect(l01.contains("100.0 %") && l01.contains("data-target=\"met\"") && l01.contains("Target 80.0 %: <strong>met</strong>"), "\(l01)")
            #expect(l01.contains("title=\"80.0 % (location Офис на Тверской, 1 Jan 2026 – 31 Dec 2026): Target met"), "\(l01)")
            let l02 = Self.firstCell(Self.row(html, table: "by-location", name: "Office &lt;b&gt;Two&lt;/b&gt;"))
            #expect(l02.contains("0.0 %") && l02.contains("data-target=\"missed\"") && l02.contains("Target 85.0 %: <strong>missed</strong>"), "\(l02)")
            let l03 = Self.firstCell(Self.row(html, table: "by-location", name: "Office Three"))
            #expect(l03.contains("90.0 %") && l03.contains("data-target=\"undecided\"") && l03.contains("Target 85.0 %: <strong>not decided yet</strong>"), "\(l03)")
            #expect(html.contains("Targets: each location against its own target, else its region&#39;s, else the organisation&#39;s")
                || html.contains("Targets: each location against its own target, else its region's, else the organisation's"))
            let staff = Self.firstCell(Self.row(html, table: "by-staff", name: "Анна"))
            #expect(staff.contains("data-target=\"met\"") && staff.contains("Target 80.0 %"), "S01 works at L01: judged against L01's 80 %: \(staff)")
            #expect(html.contains("each staff member against the target of their location"))
            let month = Self.firstCell(Self.row(html, table: "by-month", name: "2026-03"))
            #expect(month.contains("63.3 %") && month.contains("data-target=\"missed\"") && month.contains("Target 85.0 %"), "\(month)")
            #expect(html.contains("a team can span locations"))
            let backlog = Self.row(html, table: "backlog-ageing", name: "")
            #expect(!backlog.contains("cell-target"), "the backlog takes no target")

            // In Russian: the dates in the page language and the decimal comma in the notes.
            let russian = try await client.execute(uri: "/case-reports?from=2026-03-01&to=2026-03-31&lang=ru", method: .get, headers: [.cookie: cookie]) { $0.text }
            let l01ru = Self.firstCell(Self.row(russian, table: "by-location", name: "Офис на Тверской"))
            #expect(l01ru.contains("Цель 80,0 %: <strong>достигнута</strong>") && l01ru.contains("1 янв. 2026 – 31 дек. 2026"), "\(l01ru)")
            let l03ru = Self.firstCell(Self.row(russian, table: "by-location", name: "Office Three"))
            #expect(l03ru.contains("Цель 85,0 %: <strong>пока не ясно</strong>") && l03ru.contains("+5,0"), "\(l03ru)")
        }
    }

    @Test func npsHasItsTargetInTheMetricsAPIOverallAndByRow() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            let october = ISO8601DateFormatter().date(from: "2026-10-15T10:00:00Z")!
            func answers(_ location: String, promoters: Int, detractors: Int) -> [Feedback] {
                (0..<40).map { index in
                    Feedback(
                        id: "nps-\(location)-\(index)", ts: october, channel: .terminal, kind: .informative, location: location,
                        nps: index < promoters ? 10 : index < promoters + detractors ? 3 : 8)
                }
            }
            _ = try await test.app.ingest.ingest(answers("L01", promoters: 30, detractors: 4) + answers("L02", promoters: 10, detractors: 20))
            try await client.execute(uri: "/api/v1/metrics?metric=nps&from=2026-10-01&to=2026-11-01", method: .get, headers: test.auth) {
                #expect($0.json["target"] == nil, "no NPS target set: no target object")
            }
            try await Self.put([
                ["metric": "nps", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 30, "kind": "absolute"],
                ["metric": "nps", "scope": "location", "code": "L01", "from": "2026-10-01", "to": "2026-12-31", "target": 70, "kind": "absolute"],
            ], test, client)
            let report = try await client.execute(
                uri: "/api/v1/metrics?metric=nps&by=location&from=2026-10-01&to=2026-11-01", method: .get, headers: test.auth
            ) { response in
                #expect(response.status == .ok, "\(response.text)")
                return response.json
            }
            let overall = try #require(report["target"] as? [String: Any])
            let value = report["overall"] as? [String: Any] ?? [:]
            #expect(abs((value["value"] as? Double ?? 0) - 20) < 1e-9, "(40 − 24) / 80 = 20.0: \(value)")
            #expect(overall["metric"] as? String == "nps" && overall["scope"] as? String == "organisation" && overall["goal"] as? Double == 30)
            #expect(overall["status"] as? String == "undecided" && abs((overall["gap"] as? Double ?? 0) + 10) < 1e-9, "[0.6; 37.9] contains 30: \(overall)")
            let groups = report["groups"] as? [[String: Any]] ?? []
            func target(_ location: String) -> [String: Any] {
                groups.first { ($0["key"] as? [String: String])?["location"] == location }?["target"] as? [String: Any] ?? [:]
            }
            #expect(target("L01")["status"] as? String == "undecided" && target("L01")["code"] as? String == "L01", "[40.2; 80.7] contains 70: \(target("L01"))")
            #expect(abs((target("L01")["gap"] as? Double ?? 0) + 5) < 1e-9)
            #expect(target("L02")["status"] as? String == "missed" && target("L02")["scope"] as? String == "organisation", "[−47.9; 1.4] below 30: \(target("L02"))")
            #expect(abs((target("L02")["gap"] as? Double ?? 0) + 55) < 1e-9)
            // One location asked for: its own target; the target period starts in October, so September has none of L01's.
            try await client.execute(uri: "/api/v1/metrics?metric=nps&location=L01&from=2026-10-01&to=2026-11-01", method: .get, headers: test.auth) {
                let one = $0.json["target"] as? [String: Any] ?? [:]
                #expect(one["scope"] as? String == "location" && one["goal"] as? Double == 70 && one["status"] as? String == "undecided", "\(one)")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=nps&location=L01&from=2026-09-01&to=2026-10-01", method: .get, headers: test.auth) {
                let september = $0.json["target"] as? [String: Any] ?? [:]
                #expect(september["scope"] as? String == "organisation" && september["status"] as? String == "no_data", "\(september)")
            }
            // A month row is judged against the target in force on its last day.
            try await client.execute(uri: "/api/v1/metrics?metric=nps&location=L01&by=month&from=2026-09-01&to=2026-11-01", method: .get, headers: test.auth) {
                let rows = $0.json["groups"] as? [[String: Any]] ?? []
                let october = rows.first { ($0["key"] as? [String: String])?["month"] == "2026-10" }?["target"] as? [String: Any] ?? [:]
                #expect(october["code"] as? String == "L01" && october["goal"] as? Double == 70, "\(rows)")
            }
        }
    }
}
