import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// Issue 20 item 2: a staff member's row on the dashboard compares a relative target with the same staff member's own
/// figure over the target's baseline period (every staff row's baseline read by one query grouped by staff member), not
/// with the page's.
///
/// The case, by hand (CSAT top-2-box, Wilson 95 %, z = 1.96; checked in Python): at L01, 40 answers each for S01 and
/// S02 on 15 September and on 15 October 2026. September: S01 20 satisfied, 50.0 %; S02 36, 90.0 %; L01 56 of 80,
/// 70.0 %. October: S01 24, 60.0 % [44.6; 73.7]; S02 36, 90.0 % [76.9; 96.0]. L01's target for October: +10 % on its
/// baseline 31 August – 30 September. Own baselines: S01's goal 50.0 × 1.1 = 55.0 → undecided (44.6 < 55 ≤ 73.7,
/// gap +5.0 pp); S02's goal 90.0 × 1.1 = 99.0 → missed (96.0 < 99, gap −9.0 pp). With the page's baseline (70.0 → 77.0)
/// the verdicts would be reversed: S01 missed (73.7 < 77), S02 undecided.
@Suite struct StaffBaselineTargetTests {
    @Test func aStaffRowComparesWithTheStaffMembersOwnBaseline() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            try await test.app.database.reference.save(Staff(code: "S02", name: "Борис", location: "L01"))
            func answers(_ staff: String, satisfied: Int, at time: String) -> [Feedback] {
                let day = ISO8601DateFormatter().date(from: time)!
                return (0..<40).map { index in
                    Feedback(
                        id: "sb-\(staff)-\(time.prefix(7))-\(index)", ts: day, channel: .terminal, kind: .informative, location: "L01", staff: staff,
                        csat: index < satisfied ? 5 : 2)
                }
            }
            _ = try await test.app.ingest.ingest(
                answers("S01", satisfied: 20, at: "2026-09-15T10:00:00Z") + answers("S02", satisfied: 36, at: "2026-09-15T10:00:00Z")
                    + answers("S01", satisfied: 24, at: "2026-10-15T10:00:00Z") + answers("S02", satisfied: 36, at: "2026-10-15T10:00:00Z"))
            try await BreakdownTargetTests.put([
                ["metric": "csat", "scope": "location", "code": "L01", "from": "2026-10-01", "to": "2026-10-31", "target": 10, "kind": "relative_change"],
            ], test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, html) = try await DashboardFigureTests.page(client, cookie, "/?location=L01&from=2026-10-01&to=2026-10-31&lang=en")
            #expect(status == .ok)
            func csatCell(_ staff: String) -> String {
                let row = ResponseRatePeriodTests.part(html, after: "<span class=\"code\">\(staff)</span></th>", until: "</tr>")
                let cells = row.components(separatedBy: "<td")
                return cells.count > 2 ? cells[2] : ""
            }
            let s01 = csatCell("S01"), s02 = csatCell("S02")
            #expect(s01.contains("60.0 %") && s01.contains("[44.6; 73.7]") && s01.contains("data-target=\"undecided\""), "\(s01)")
            #expect(s01.contains("Target 55.0 %"), "S01's own September 50.0 % + 10 %: \(s01)")
            #expect(s02.contains("90.0 %") && s02.contains("[76.9; 96.0]") && s02.contains("data-target=\"missed\""), "\(s02)")
            #expect(s02.contains("Target 99.0 %") && s02.contains("−9.0"), "S02's own September 90.0 % + 10 %: \(s02)")
            // The tile is the location's: 60 of 80 = 75.0 % against L01's September 70.0 % + 10 % = 77.0.
            #expect(html.contains("77.0 %"), "the page's own goal stays the location's")
        }
    }
}
