import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import Testing
@testable import OtklikServer

/// Issue 20 items 1-3 (the targets' leftovers): the dashboard's best and worst locations, the monthly report's tables of
/// locations and its XLSX sheets carry each location's target and verdict, judged by the one ``TargetJudgement`` as on
/// the tables' rows (a location's own target, else its region's, else the organisation's).
///
/// The cases, by hand: CSAT (top-2-box, Wilson 95 % interval, z = 1.96) on 15 October 2026, 40 answers at each of four
/// locations — L01 36 satisfied: 90.0 % [76.9; 96.0]; L04 34: 85.0 % [70.9; 92.9]; L02 30: 75.0 % [59.8; 85.8]; L03 24:
/// 60.0 % [44.6; 73.7]; all 160: 124, 77.5 %. Four ranked, so two best (L01 1st, L04 2nd) and two worst (L03 4th, L02
/// 3rd). Targets for 2026: the organisation's 50; L01's own 97; L03's region R2's 55; L04's own +10 % for October, whose
/// baseline is L04's own CSAT over 31 August – 30 September: 30 of 40, 75.0 %, so the goal is 82.5. Verdicts: L01,
/// ranked first, misses its own 97 (96.0 < 97, gap −7.0 pp); L04 is undecided against 82.5 (gap +2.5); L03 undecided
/// against its region's 55 (gap +5.0); L02, ranked among the worst, still meets the organisation's 50 (59.8 ≥ 50, gap
/// +25.0). The whole network, 124 of 160, meets the organisation's 50.
@Suite struct RankedTargetTests {
    static let october = ISO8601DateFormatter().date(from: "2026-10-15T10:00:00Z")!
    static let september = ISO8601DateFormatter().date(from: "2026-09-15T10:00:00Z")!

    static func seed(_ test: TestApp, _ client: any TestClientProtocol) async throws {
        let reference = test.app.database.reference
        try await reference.save(Region(code: "R2", name: "Север"))
        try await reference.save(Location(code: "L03", name: "Office Three", region: "R2"))
        try await reference.save(Location(code: "L04", name: "Office Four", region: "R1"))
        try await test.app.analytics.setRegion("R2", ofLocation: "L03")
        try await test.app.analytics.setRegion("R1", ofLocation: "L04")
        func answers(_ location: String, satisfied: Int, at day: Date, prefix: String = "rk") -> [Feedback] {
            (0..<40).map { index in
                Feedback(
                    id: "\(prefix)-\(location)-\(index)", ts: day, channel: .terminal, kind: .informative, location: location,
                    csat: index < satisfied ? 5 : 2)
            }
        }
        _ = try await test.app.ingest.ingest(
            answers("L01", satisfied: 36, at: october) + answers("L04", satisfied: 34, at: october) + answers("L02", satisfied: 30, at: october)
                + answers("L03", satisfied: 24, at: october) + answers("L04", satisfied: 30, at: september, prefix: "before"))
        try await BreakdownTargetTests.put([
            ["metric": "csat", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 50, "kind": "absolute"],
            ["metric": "csat", "scope": "location", "code": "L01", "from": "2026-01-01", "to": "2026-12-31", "target": 97, "kind": "absolute"],
            ["metric": "csat", "scope": "region", "code": "R2", "from": "2026-01-01", "to": "2026-12-31", "target": 55, "kind": "absolute"],
            ["metric": "csat", "scope": "location", "code": "L04", "from": "2026-10-01", "to": "2026-10-31", "target": 10, "kind": "relative_change"],
        ], test, client)
    }

    /// The `<li>` of location `code` in the ranked list `id`.
    static func ranked(_ html: String, list id: String, code: String) -> String {
        guard let start = html.range(of: "<div class=\"ranking\" id=\"\(id)\">") else { return "" }
        let list = html[start.upperBound...]
        let body = list[..<(list.range(of: "</div>")?.lowerBound ?? list.endIndex)]
        guard let item = body.range(of: "data-location=\"\(code)\">") else { return "" }
        let rest = body[item.upperBound...]
        return String(rest[..<(rest.range(of: "</li>")?.lowerBound ?? rest.endIndex)])
    }

    /// The `<ol>` of the best or the worst locations of the ranked list `id`.
    static func list(_ html: String, _ id: String, best: Bool) -> String {
        guard let start = html.range(of: "<div class=\"ranking\" id=\"\(id)\">") else { return "" }
        let parts = html[start.upperBound...].components(separatedBy: "<ol class=\"ranked\"")
        return parts.count > 2 ? parts[best ? 1 : 2].components(separatedBy: "</ol>")[0] : ""
    }

    @Test func rankedLocationsShowTheirTargetsAsTheTablesAndTheAPIDo() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await Self.seed(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let period = "from=2026-10-01&to=2026-10-31"
            let (status, html) = try await DashboardFigureTests.page(client, cookie, "/?\(period)&lang=en")
            #expect(status == .ok)
            // Best: L01 then L04; worst: L03 then L02.
            let best = Self.list(html, "ranking-csat", best: true), worst = Self.list(html, "ranking-csat", best: false)
            #expect(best.contains("data-location=\"L01\"") && best.contains("data-location=\"L04\"") && !best.contains("data-location=\"L02\""), "\(best)")
            #expect(worst.contains("data-location=\"L03\"") && worst.contains("data-location=\"L02\""), "\(worst)")
            let l01 = Self.ranked(html, list: "ranking-csat", code: "L01")
            #expect(l01.contains("90.0 %") && l01.contains("data-target=\"missed\"") && l01.contains("Target 97.0 %: <strong>missed</strong>"), "\(l01)")
            #expect(l01.contains("location Офис на Тверской, 1 Jan 2026 – 31 Dec 2026") && l01.contains("−7.0 pp"), "\(l01)")
            let l04 = Self.ranked(html, list: "ranking-csat", code: "L04")
            #expect(l04.contains("85.0 %") && l04.contains("data-target=\"undecided\"") && l04.contains("82.5 %") && l04.contains("+2.5 pp"), "\(l04)")
            #expect(l04.contains("+10.0 % on 31 Aug 2026 – 30 Sep 2026"), "a relative target's baseline is the location's own: \(l04)")
            let l03 = Self.ranked(html, list: "ranking-csat", code: "L03")
            #expect(l03.contains("60.0 %") && l03.contains("Target 55.0 %: <strong>not decided yet</strong>") && l03.contains("region Север"), "\(l03)")
            let l02 = Self.ranked(html, list: "ranking-csat", code: "L02")
            #expect(l02.contains("75.0 %") && l02.contains("Target 50.0 %: <strong>met</strong>") && l02.contains("organisation"), "ranked worst, meets its target: \(l02)")
            #expect(html.contains("id=\"ranking-csat-targets\""), "whose target the rows are judged against")
            #expect(!html.contains("id=\"ranking-nps\""), "no NPS answer: no NPS ranking")

            // The same verdicts as the metrics API's rows and the dashboard's table by location.
            let groups = try await client.execute(uri: "/api/v1/metrics?metric=csat&by=location&\(period.replacingOccurrences(of: "10-31", with: "11-01"))", method: .get, headers: test.auth) {
                $0.json["groups"] as? [[String: Any]] ?? []
            }
            for (code, status, goal) in [("L01", "missed", 97.0), ("L04", "undecided", 82.5), ("L03", "undecided", 55.0), ("L02", "met", 50.0)] {
                let target = groups.first { ($0["key"] as? [String: String])?["location"] == code }?["target"] as? [String: Any] ?? [:]
                #expect(target["status"] as? String == status && abs((target["goal"] as? Double ?? 0) - goal) < 1e-9, "\(code): \(target)")
                #expect(Self.ranked(html, list: "ranking-csat", code: code).contains("data-target=\"\(status)\""), "\(code)")
            }

            // In Russian: the verdict in words, the decimal comma.
            let (_, ru) = try await DashboardFigureTests.page(client, cookie, "/?\(period)&lang=ru")
            #expect(Self.ranked(ru, list: "ranking-csat", code: "L01").contains("Цель 97,0 %: <strong>не достигнута</strong>"))
            #expect(Self.ranked(ru, list: "ranking-csat", code: "L02").contains("Цель 50,0 %: <strong>достигнута</strong>"))
            #expect(Self.ranked(ru, list: "ranking-csat", code: "L03").contains("Цель 55,0 %: <strong>пока не ясно</strong>"))
        }
    }

    @Test func theMonthlyReportsLocationTablesAndSheetsCarryTheTargets() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await Self.seed(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, html) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&lang=en")
            #expect(status == .ok)
            let table = try #require(html.components(separatedBy: "id=\"report-ranking-csat\"").dropFirst().first?.components(separatedBy: "</table>").first)
            #expect(table.contains("<th scope=\"col\">n</th><th scope=\"col\">Target</th></tr>"), "\(table)")
            #expect(html.contains("id=\"report-ranking-csat-targets\">Targets: each location against its own target"), "whose target, above the table")
            func row(_ name: String) -> String {
                table.components(separatedBy: "<th scope=\"row\">\(name)</th>").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            }
            #expect(row("Офис на Тверской").contains(">97.0 %: missed</td>"), "\(row("Офис на Тверской"))")
            #expect(row("Office Four").contains(">82.5 % (+10.0 % on 31 Aug 2026 – 30 Sep 2026): not decided yet</td>"), "\(row("Office Four"))")
            #expect(row("Office &lt;b&gt;Two&lt;/b&gt;").contains(">50.0 %: met</td>"), "\(row("Office &lt;b&gt;Two&lt;/b&gt;"))")
            let (_, ru) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&lang=ru")
            #expect(ru.contains(">97,0 %: не достигнута</td>"))

            // The XLSX, read by an independent reader: the sheet's own target, target_kind, target_verdict columns.
            let (_, data) = try await MonthlyReportTests.download(client, cookie, "/reports/monthly.xlsx?month=2026-10&lang=en")
            let sheets = try MonthlyReportTests.readWorkbook(data)
            let locations = try #require(sheets.first { $0.name == "Locations CSAT" }, "\(sheets.map(\.name))")
            let header = locations.rows.first?.compactMap { $0 as? String } ?? []
            #expect(Array(header.suffix(3)) == ["target", "target_kind", "target_verdict"], "\(header)")
            func sheetRow(_ rows: [[Any?]], _ name: String) -> [Any?] { rows.first { $0.first as? String == name } ?? [] }
            func targetCells(_ row: [Any?]) -> [String] {
                row.suffix(3).map { cell in (cell as? Double).map { KPITarget.number($0) } ?? (cell as? Int).map(String.init) ?? cell as? String ?? "" }
            }
            #expect(targetCells(sheetRow(locations.rows, "Офис на Тверской")) == ["97", "absolute", "missed"])
            #expect(targetCells(sheetRow(locations.rows, "Office Four")) == ["10", "relative_change", "undecided"])
            #expect(targetCells(sheetRow(locations.rows, "Office Three")) == ["55", "absolute", "undecided"])
            #expect(targetCells(sheetRow(locations.rows, "Office <b>Two</b>")) == ["50", "absolute", "met"])
            let headline = try #require(sheets.first { $0.name == "Headline" })
            #expect(Array((headline.rows.first?.compactMap { $0 as? String } ?? []).suffix(3)) == TargetColumns.header)
            let csat = try #require(headline.rows.first { ($0.first as? String)?.hasPrefix("CSAT") == true })
            #expect(targetCells(csat) == ["50", "absolute", "met"], "124 of 160 against the organisation's 50: \(csat)")
        }
    }

    /// The tables' CSV downloads: after each column's value, interval and n, the row's `target`, `target_kind` and
    /// `target_verdict` (``BreakdownTargetTests``' cases: L01 meets its own 80, L02 misses the organisation's 85, L03 is
    /// undecided against it; the backlog takes no target).
    @Test func theCSVDownloadsCarryTheTargetColumns() async throws {
        try await TestApp.withRouter(minimumN: 10) { test, client in
            try await BreakdownTargetTests.seedCases(test)
            try await BreakdownTargetTests.put([
                ["metric": "sla_attainment", "scope": "organisation", "from": "2026-01-01", "to": "2026-12-31", "target": 85, "kind": "absolute"],
                ["metric": "sla_attainment", "scope": "location", "code": "L01", "from": "2026-01-01", "to": "2026-12-31", "target": 80, "kind": "absolute"],
            ], test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let csv = try await client.execute(
                uri: "/case-reports?from=2026-03-01&to=2026-03-31&lang=en&format=csv&table=by-location", method: .get, headers: [.cookie: cookie]
            ) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                return response.text
            }
            let table = try CSVTable.parse(csv)
            let header = table.header
            let verdict = try #require(header.firstIndex { $0.hasSuffix(" target_verdict") }, "\(header)")
            let column = String(header[verdict].dropLast(" target_verdict".count))
            #expect(Array(header[(verdict - 4)...verdict]) == ["\(column) ci", "\(column) n", "\(column) target", "\(column) target_kind", "\(column) target_verdict"], "\(header)")
            func cells(_ code: String) -> [String] {
                guard let row = table.rows.first(where: { $0.first == code }) else { return [] }
                return [row[verdict - 2], row[verdict - 1], row[verdict]]
            }
            #expect(cells("L01") == ["80", "absolute", "met"], "\(csv)")
            #expect(cells("L02") == ["85", "absolute", "missed"], "\(csv)")
            #expect(cells("L03") == ["85", "absolute", "undecided"], "\(csv)")
            let columns = header.filter { $0.hasSuffix(" target_verdict") }
            #expect(columns.count == header.filter { $0.hasSuffix(" n") }.count, "every column has its target columns: \(header)")
            for other in columns where other != header[verdict] {
                let index = try #require(header.firstIndex(of: other))
                #expect(table.rows.allSatisfy { $0[index].isEmpty || ["met", "missed", "undecided", "insufficient"].contains($0[index]) })
            }
        }
    }
}
