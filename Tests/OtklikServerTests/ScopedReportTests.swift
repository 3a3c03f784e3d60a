import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3: the monthly report for a user limited to some locations is the report of one of them — their
/// only one when none is chosen — never the organisation's (refused, naming the location field) nor another
/// location's (404). Its figures are the location's: L01 has 3 NPS answers this month (RolesAndScopesTests' data).
@Suite struct ScopedReportTests {
    static var month: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Moscow")!
        let parts = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", parts.year ?? 2026, parts.month ?? 1)
    }

    @Test func aLocationManagerGetsTheirLocationsReport() async throws {
        try await RolesAndScopesTests.live { test, client, _ in
            let olga = try #require(try await NotificationPageTests.login(client, user: "olga"))
            let page: HTTPFields = [.cookie: olga, .accept: "text/html"]
            try await client.execute(uri: "/?lang=en", method: .get, headers: page) { response in
                #expect(response.text.contains("href=\"/reports/monthly\""), "the report is in a scoped user's navigation")
            }
            try await client.execute(uri: "/reports/monthly?month=\(Self.month)&lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Location: Офис на Тверской"), "their only location, unasked")
                #expect(html.contains("<option value=\"L01\" selected>") && !html.contains("<option value=\"L02\""), "only their location to choose")
                #expect(!html.contains("Whole organisation"))
            }
            for path in ["/reports/monthly?month=\(Self.month)&location=L02", "/reports/monthly.xlsx?month=\(Self.month)&location=L02"] {
                try await client.execute(uri: path, method: .get, headers: page) { #expect($0.status == .notFound, "\(path)") }
            }
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "rita", passwordHash: hash, role: .regionalManager, scope: .regions(["R1"]))
            let rita = try #require(try await NotificationPageTests.login(client, user: "rita"))
            try await client.execute(uri: "/reports/monthly?month=\(Self.month)&lang=en", method: .get, headers: [.cookie: rita, .accept: "text/html"]) { response in
                #expect(response.status == .unprocessableContent, "not the organisation's report")
                #expect(response.text.contains("choose one of yours") && response.text.contains("<option value=\"L02\""))
                #expect(!response.text.contains("<option value=\"L03\""), "R2's location is not theirs")
            }
            try await client.execute(uri: "/reports/monthly?month=\(Self.month)&location=L02&lang=en", method: .get, headers: [.cookie: rita, .accept: "text/html"]) { response in
                #expect(response.status == .ok && response.text.contains("Location: Office &lt;b&gt;Two&lt;/b&gt;"))
            }
        }
    }
}
