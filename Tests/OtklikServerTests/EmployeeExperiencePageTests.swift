import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import Testing

/// `/employee-experience`: attrition by location and a pulse survey run from the page — links shown once, figures
/// after closing, hidden groups without any number a reader could subtract.
@Suite struct EmployeeExperiencePageTests {
    @Test func aPulseSurveyRunFromThePageHidesSmallGroupsAndTheirComplement() async throws {
        try await TestApp.withRouter { test, client in
            try await PulseSurveyAPITests.seedStaff(test)
            let cookie = try #require(try await DashboardTests.login(client))
            let form = DashboardTests.form(cookie)
            try await client.execute(uri: "/employee-experience?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"attrition-table\""))
                #expect(response.text.contains("No pulse surveys yet."))
                #expect(response.text.contains("Office &lt;b&gt;Two&lt;/b&gt;"), "location names escaped")
            }
            try await client.execute(
                uri: "/employee-experience/pulse", method: .post, headers: form,
                body: ByteBuffer(string: "code=dec&title=Pulse+December&grouping=location&minimum_group=4")
            ) { response in
                #expect(response.status == .unprocessableContent, "a minimum under 5 is refused")
                #expect(response.text.contains("minimum_group must be 5"))
            }
            try await client.execute(
                uri: "/employee-experience/pulse", method: .post, headers: form,
                body: ByteBuffer(string: "code=dec&title=Pulse+December&grouping=location&minimum_group=5")
            ) { #expect($0.status == .seeOther) }
            let links = try await client.execute(uri: "/employee-experience/pulse/dec/start?lang=en", method: .post, headers: form) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"pulse-links-table\""))
                return response.text.matches(of: /href="(\/pulse\/otp_[A-Za-z0-9_-]+)"/).map { String($0.output.1) }
            }
            #expect(links.count == 19)
            try await client.execute(uri: "/employee-experience?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("/pulse/otp_"), "the links are shown once")
                #expect(response.text.contains("Figures appear when the survey is closed"))
            }
            // The page lists the links by staff code: S01-S10 at L01, S11-S13 at L02, S14-S19 at L03.
            let scores: [(Int, Int)] = Array(zip(0..<8, [10, 10, 9, 9, 8, 7, 3, 9])) + [(10, 2), (11, 4)] + Array(zip(13..<19, [10, 9, 9, 6, 7, 10]))
            for (index, score) in scores {
                try await client.execute(
                    uri: links[index] + "?lang=en", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "score=\(score)&comment=c\(index)")
                ) { #expect($0.status == .ok) }
            }
            try await client.execute(uri: "/employee-experience/pulse/dec/close", method: .post, headers: form) { #expect($0.status == .seeOther) }
            try await client.execute(uri: "/employee-experience?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                let html = response.text
                let results = String(try #require(html.split(separator: "class=\"pulse-results\"", maxSplits: 1).last))
                let rows = results.matches(of: /<tr( class="hidden-figure")?><th scope="row">([^<]*)<\/th>(.*?)<\/tr>/).map {
                    (hidden: $0.output.1 != nil, name: String($0.output.2), cells: String($0.output.3))
                }
                let office = try #require(rows.first { $0.name == "Офис на Тверской" })
                #expect(!office.hidden && office.cells.contains("<td>8</td>"))
                let two = try #require(rows.first { $0.name.contains("Two") })
                #expect(two.hidden && two.cells.contains("fewer than 5 answers"))
                let third = try #require(rows.first { $0.name == "Баумана" })
                #expect(third.hidden && third.cells.contains("worked out from the total"))
                // A hidden row shows the number invited and nothing else a reader could subtract.
                for row in [two, third] { #expect(row.cells.matches(of: /<td/).count == 2 && row.cells.contains("<td>\(row.name.contains("Two") ? 3 : 6)</td>")) }
                #expect(results.contains("<tr class=\"total\"><th scope=\"row\">Total</th><td>19</td><td>16</td>"))
            }
            try await client.execute(uri: "/employee-experience?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("скрыто: меньше 5 ответов"))
                #expect(response.text.contains("Текучесть"))
            }
        }
    }

    @Test func aLocationManagerIsRefusedThePage() async throws {
        try await TestApp.withRouter { test, client in
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "olga", passwordHash: hash, role: .locationManager, scope: .locations(["L01"]))
            let cookie = try #require(try await NotificationPageTests.login(client, user: "olga"))
            // Refused saying why (the anonymity is kept over the whole organisation), never a part of the breakdown.
            try await client.execute(uri: "/employee-experience?lang=en", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("a hidden team"), "the reason in words")
            }
        }
    }
}
