import Foundation
import Hummingbird
import HummingbirdTesting
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
}
