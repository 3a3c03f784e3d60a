import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing
@testable import OtklikServer

/// Issue 20 item 2 (leftovers): a KPI page asked for no period whose data end before today shows the 90 days to the
/// data's last day, and says so, instead of "insufficient data" on every card. The cases of ``CaseTargetTests``: 20
/// complaints opened on 2 March 2026, 18 resolved in time (SLA attainment 90.0 %). The default period is then
/// 2025-12-03 … 2026-03-02 (90 days).
@Suite struct DataEndPeriodTests {
    @Test func theDefaultPeriodEndsAtTheLastCase() async throws {
        try await TestApp.withRouter(minimumN: 10) { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/case-reports?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("id=\"data-end\""), "no case at all: today's 90 days, nothing said")
            }
            try await CaseTargetTests.seed(test)
            try await client.execute(uri: "/case-reports?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                #expect(html.contains("<p class=\"muted\" id=\"data-end\" role=\"note\">The period ends at the last data, 2 Mar 2026.</p>"), "\(html)")
                #expect(html.contains("id=\"from\" name=\"from\" value=\"2025-12-03\"") && html.contains("id=\"to\" name=\"to\" value=\"2026-03-02\""))
                #expect(html.contains("90.0 %") && html.contains("from=2025-12-03") && html.contains("to=2026-03-03"), "the card's API link covers the same days")
            }
            try await client.execute(uri: "/case-reports?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("Период заканчивается последними данными, 2 мар. 2026."))
            }
            try await client.execute(uri: "/case-reports?lang=en&from=2026-06-01&to=2026-06-30", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("id=\"data-end\""), "a period asked for is kept as asked")
                #expect(response.text.contains("value=\"2026-06-30\""))
            }
        }
    }

    /// The dashboard does the same with its feedback: the last answer on 15 October 2026 (L01; L02's last on 30 September),
    /// so asked for no period it shows 2026-07-18 … 2026-10-15 (90 days) and says so; a user limited to L02 sees the 90
    /// days to 30 September; a period asked for, even only its start, is kept.
    @Test func theDashboardsDefaultPeriodEndsAtTheLastFeedback() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("id=\"data-end\""), "no feedback at all: today's 90 days, nothing said")
            }
            func answers(_ location: String, _ day: String) -> [Feedback] {
                let ts = ISO8601DateFormatter().date(from: "\(day)T09:00:00Z")!
                return (0..<10).map { Feedback(id: "de-\(location)-\($0)", ts: ts, channel: .terminal, kind: .informative, location: location, csat: 5) }
            }
            _ = try await test.app.ingest.ingest(answers("L01", "2026-10-15") + answers("L02", "2026-09-30"))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                #expect(html.contains("<p class=\"muted\" id=\"data-end\" role=\"note\">The period ends at the last data, 15 Oct 2026.</p>"), "\(html)")
                #expect(html.contains("id=\"from\" name=\"from\" value=\"2026-07-18\"") && html.contains("id=\"to\" name=\"to\" value=\"2026-10-15\""))
                #expect(html.contains("n = 20"), "both locations' answers are in the period")
                #expect(html.contains("href=\"/?from=2026-07-18&amp;to=2026-10-15&amp;location=L01\""), "its links keep the period")
            }
            try await client.execute(uri: "/?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("Период заканчивается последними данными, 15 окт. 2026."))
            }
            for asked in ["from=2026-06-01&to=2026-06-30", "from=2026-10-01", "to=2026-09-30"] {
                try await client.execute(uri: "/?lang=en&\(asked)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(!response.text.contains("id=\"data-end\""), "a period asked for is kept as asked: \(asked)")
                }
            }
            try await client.execute(uri: "/?lang=en&from=2026-06-01&to=2026-06-30", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("value=\"2026-06-30\"") && response.text.contains("No feedback matches these filters."), "\(response.text)")
            }
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "lena", passwordHash: hash, role: .locationManager, scope: .locations(["L02"]))
            let lena = try #require(try await NotificationPageTests.login(client, user: "lena"))
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: lena, .accept: "text/html"]) { response in
                #expect(response.text.contains("The period ends at the last data, 30 Sep 2026."), "her own location's last answer")
                #expect(response.text.contains("value=\"2026-07-03\"") && response.text.contains("value=\"2026-09-30\""))
            }
        }
    }

    /// The other pages with a period form take the same default (``DataEndPeriod``), each at its own data's last day:
    /// `/dissatisfaction` at the last feedback (15 October 2026 here; its default length, 365 days: from 16 October
    /// 2025), `/bonus` and "My results" at the last survey invitation (15 October; the 90 days from 18 July), a period
    /// asked for kept as asked.
    @Test func theOtherPagesEndAtTheirOwnLastData() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            let day = ISO8601DateFormatter().date(from: "2026-10-15T10:00:00Z")!
            _ = try await test.app.ingest.ingest((0..<5).map {
                Feedback(id: "de-\($0)", ts: day, channel: .terminal, kind: .informative, location: "L01", csat: 5)
            })
            try await ResponseRatePeriodTests.seed(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, dissatisfaction) = try await DashboardFigureTests.page(client, cookie, "/dissatisfaction?lang=en")
            #expect(dissatisfaction.contains("id=\"data-end\" role=\"note\">The period ends at the last data, 15 Oct 2026.</p>"), "\(dissatisfaction)")
            #expect(dissatisfaction.contains("value=\"2025-10-16\"") && dissatisfaction.contains("value=\"2026-10-15\""))
            let (_, bonus) = try await DashboardFigureTests.page(client, cookie, "/bonus?lang=ru")
            #expect(bonus.contains("Период заканчивается последними данными, 15 окт. 2026."), "\(bonus)")
            #expect(bonus.contains("value=\"2026-07-18\"") && bonus.contains("value=\"2026-10-15\""))
            let (_, mine) = try await DashboardFigureTests.page(client, cookie, "/my-results?staff=S01&lang=en")
            #expect(mine.contains("The period ends at the last data, 15 Oct 2026.") && mine.contains("value=\"2026-07-18\""), "\(mine)")
            let (_, asked) = try await DashboardFigureTests.page(client, cookie, "/bonus?from=2026-09-01&to=2026-09-30&lang=en")
            #expect(!asked.contains("id=\"data-end\"") && asked.contains("value=\"2026-09-30\""))
        }
    }
}
