import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// The dashboard's alerts: a location whose NPS collapses is listed, a steady one is not.
///
/// L01 and L02: 50 answers a day from 1 August 2026, 25 promoters, 15 passives, 10 detractors (NPS 30) every day.
/// From 25 September L01 turns to 10 promoters, 10 passives, 30 detractors (NPS −40): z on the first such day is
/// (0.30 + 0.40)/√(0.7·0.91/50 + 0.7·0.91/1400)… far above h = 4.5 (the per-answer variance is 0.7 − 0.09 = 0.61;
/// z = 0.70/√(0.61/50 + 0.61/1400) = 6.23, S = 5.73): the alarm is on 25 September itself.
@Suite struct NPSAlertTests {
    @Test func aCollapsingLocationIsListedInBothLanguages() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            let start = ISO8601DateFormatter().date(from: "2026-08-01T09:00:00Z")!
            var items: [Feedback] = []
            for day in 0..<60 {
                let ts = start.addingTimeInterval(Double(day) * 86_400)
                let collapsed = day >= 55  // 2026-09-25
                for location in ["L01", "L02"] {
                    let (promoters, passives) = location == "L01" && collapsed ? (10, 10) : (25, 15)
                    for index in 0..<50 {
                        let score = index < promoters ? 10 : (index < promoters + passives ? 8 : 3)
                        items.append(Feedback(id: "\(location)-\(day)-\(index)", ts: ts, channel: .terminal, kind: .informative, location: location, nps: score))
                    }
                }
            }
            _ = try await test.app.ingest.ingest(items)
            let cookie = try #require(try await DashboardTests.login(client))
            let period = "from=2026-09-01&to=2026-09-29"
            let (_, en) = try await DashboardFigureTests.page(client, cookie, "/?\(period)&lang=en")
            #expect(en.contains("Офис на Тверской</a>: NPS fell from 30.0 to -40.0 since 2026-09-25 (n = 50); alarm on 2026-09-25"), "\(en.components(separatedBy: "alerts-h").dropFirst().first?.prefix(600) ?? "")")
            #expect(!en.contains("Office &lt;b&gt;Two&lt;/b&gt;</a>: NPS fell"), "the steady location is not listed")
            let (_, ru) = try await DashboardFigureTests.page(client, cookie, "/?\(period)&lang=ru")
            #expect(ru.contains("NPS снизился с 30,0 до -40,0 начиная с 2026-09-25 (n = 50); сигнал 2026-09-25"))
            let (_, before) = try await DashboardFigureTests.page(client, cookie, "/?from=2026-09-01&to=2026-09-20&lang=en")
            #expect(before.contains("No location&#39;s NPS stepped down in this period.") || before.contains("No location's NPS stepped down in this period."))
        }
    }
}
