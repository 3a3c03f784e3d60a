import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import Testing

/// `/api/v1/report-subscriptions` and the report page's section: subscribe, list, unsubscribe; every wrong field named
/// (422) with nothing stored; subscribing again with the same settings is the same subscription (200); a read-only key
/// and a viewer neither see nor change subscriptions.
@Suite struct ReportSubscriptionAPITests {
    static func post(_ client: any TestClientProtocol, _ test: TestApp, _ json: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        try await client.execute(uri: "/api/v1/report-subscriptions", method: .post, headers: test.auth, body: ByteBuffer(string: json)) {
            ($0.status, $0.json)
        }
    }

    @Test func subscribeListAndUnsubscribe() async throws {
        try await TestApp.withRouter { test, client in
            let (status, created) = try await Self.post(
                client, test, #"{"email": "director@bank.example", "location": "L01", "lang": "en", "formats": ["xlsx", "pdf"], "day": 31}"#)
            #expect(status == .created)
            let id = try #require(created["id"] as? String)
            #expect(created["formats"] as? [String] == ["pdf", "xlsx"] && created["day"] as? Int == 31 && created["location"] as? String == "L01")
            let (again, same) = try await Self.post(
                client, test, #"{"email": "director@bank.example", "location": "L01", "lang": "en", "formats": ["pdf", "xlsx"], "day": 31}"#)
            #expect(again == .ok && same["id"] as? String == id, "a retry is the same subscription")
            let (defaults, organisation) = try await Self.post(client, test, #"{"email": "ceo@bank.example"}"#)
            #expect(defaults == .created && organisation["location"] == nil && organisation["day"] as? Int == 1)
            #expect(organisation["formats"] as? [String] == ["pdf", "xlsx"] && organisation["lang"] as? String == "ru")
            try await client.execute(uri: "/api/v1/report-subscriptions", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.compactMap { $0["email"] as? String } == ["director@bank.example", "ceo@bank.example"])
            }
            try await client.execute(uri: "/api/v1/report-subscriptions/\(id)", method: .delete, headers: test.auth) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/api/v1/report-subscriptions/\(id)", method: .delete, headers: test.auth) { #expect($0.status == .notFound) }
            #expect(try await test.app.database.reportSubscriptions.subscriptions().map(\.email) == ["ceo@bank.example"])
        }
    }

    @Test func wrongFieldsAreNamedAndNothingIsStored() async throws {
        try await TestApp.withRouter { test, client in
            let cases: [(String, String)] = [
                (#"{"email": "not an address"}"#, "email"), (#"{"email": "a@b"}"#, "email"),
                (#"{"email": "a@bank.example", "lang": "de"}"#, "lang"), (#"{"email": "a@bank.example", "formats": ["docx"]}"#, "format"),
                (#"{"email": "a@bank.example", "formats": []}"#, "format"), (#"{"email": "a@bank.example", "day": 0}"#, "day"),
                (#"{"email": "a@bank.example", "day": 32}"#, "day"), (#"{"email": "a@bank.example", "location": "NOPE"}"#, "location"),
            ]
            for (json, field) in cases {
                let (status, body) = try await Self.post(client, test, json)
                #expect(status == .unprocessableContent, "\(json)")
                #expect((body["error"] as? [String: Any])?["field"] as? String == field || body["field"] as? String == field, "\(json): \(body)")
            }
            #expect(try await test.app.database.reportSubscriptions.subscriptions().isEmpty)
        }
    }

    @Test func aReadOnlyKeyNeitherSeesNorChanges() async throws {
        try await TestApp.withRouter { test, client in
            let read = try await test.app.database.access.createApiKey(name: "bi", scope: .read, area: .organisation).secret
            let headers: HTTPFields = [.authorization: "Bearer \(read)", .contentType: "application/json"]
            try await client.execute(uri: "/api/v1/report-subscriptions", method: .get, headers: headers) { #expect($0.status == .forbidden) }
            try await client.execute(
                uri: "/api/v1/report-subscriptions", method: .post, headers: headers, body: ByteBuffer(string: #"{"email": "x@bank.example"}"#)
            ) { #expect($0.status == .forbidden) }
        }
    }

    @Test func theReportPageSubscribesAndUnsubscribes() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            var (status, page) = try await DashboardFigureTests.page(client, cookie, "/reports/monthly?month=2026-10&lang=en")
            #expect(status == .ok && page.contains("id=\"report-subscribe\"") && page.contains("Nobody receives the report by e-mail yet."))
            // A wrong day keeps the form and names the field.
            try await client.execute(
                uri: "/reports/subscriptions?lang=en", method: .post, headers: DashboardTests.form(cookie),
                body: ByteBuffer(string: "email=cx%40bank.example&location=L01&lang=en&format=pdf&day=40")
            ) { response in
                #expect(response.status == .unprocessableContent)
                let html = String(buffer: response.body)
                #expect(html.contains("id=\"report-sub-error\"") && html.contains("Day of the month") && html.contains("value=\"cx@bank.example\""))
            }
            var location = ""
            try await client.execute(
                uri: "/reports/subscriptions", method: .post, headers: DashboardTests.form(cookie),
                body: ByteBuffer(string: "month=2026-10&email=cx%40bank.example&location=L01&lang=en&format=pdf&format=xlsx&day=5")
            ) { response in
                #expect(response.status == .seeOther)
                location = response.headers[.location] ?? ""
            }
            #expect(location.hasPrefix("/reports/monthly?month=2026-10&subscribed="), "back to the month the form was sent from: \(location)")
            let stored = try #require(try await test.app.database.reportSubscriptions.subscriptions().first)
            #expect(stored.email == "cx@bank.example" && stored.location == "L01" && stored.formats == [.pdf, .xlsx] && stored.day == 5)
            (status, page) = try await DashboardFigureTests.page(client, cookie, location.replacingOccurrences(of: "#report-subscriptions", with: "") + "&lang=en")
            #expect(page.contains("Subscribed: cx@bank.example will receive the report on day 5 of each month."))
            #expect(page.contains("id=\"subscription-\(stored.id)\"") && page.contains("PDF + XLSX"))
            #expect(page.contains("<td>English</td>"), "the language by its name, not its code")
            try await client.execute(
                uri: "/reports/subscriptions/\(stored.id)/delete", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "")
            ) { #expect($0.status == .seeOther) }
            #expect(try await test.app.database.reportSubscriptions.subscriptions().isEmpty)

            // A viewer sees the report without the section and cannot post to it.
            try await test.app.database.access.createUser(username: "viewer", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .viewer)
            let viewer = try #require(try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=viewer&password=correct+horse+battery&next=%2F")) { response in
                    response.headers[.setCookie].map { String($0.split(separator: ";")[0]) }
                })
            (status, page) = try await DashboardFigureTests.page(client, viewer, "/reports/monthly?month=2026-10&lang=en")
            #expect(status == .ok && !page.contains("report-subscribe"))
            try await client.execute(
                uri: "/reports/subscriptions", method: .post, headers: DashboardTests.form(viewer), body: ByteBuffer(string: "email=v%40bank.example&format=pdf&day=1")
            ) { #expect($0.status == .forbidden) }
        }
    }
}
