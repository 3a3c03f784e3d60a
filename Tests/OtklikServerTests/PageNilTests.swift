import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import OtklikServer

/// Issue 15 item 8: no page shows "nil" or "Optional(", and an anonymous visitor gets neither navigation
/// nor a sign-out button.
@Suite struct PageNilTests {
    /// The words a page must never show.
    static func leaks(_ html: String) -> [String] {
        let visible = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        var found: [String] = []
        if visible.range(of: #"\bnil\b"#, options: .regularExpression) != nil { found.append("nil") }
        if html.contains("Optional(") { found.append("Optional(") }
        return found
    }

    /// A page model that every template is rendered with: nothing at all, or a few common keys with their optional ones nil.
    struct OptionalPage: Sendable {
        struct Row: Sendable {
            var id: String
            var note: String?
        }

        var message: String?
        var error: String?
        var detail: String?
        var status: String?
        var next: String?
        var heading: String?
        var text: String?
        var rows: [Row] = []

        static let empty = OptionalPage()
        static let someAbsent = OptionalPage(status: "404", next: "/", heading: "H", text: "T", rows: [Row(id: "1", note: nil)])
    }

    @Test func everyTemplateWithAndWithoutAUser() async throws {
        let localizer = try Localizer(defaultLanguage: "ru")
        let renderer = try await PageRenderer(localizer: localizer)
        let templates = try FileManager.default.contentsOfDirectory(atPath: ResourceFiles.directory.appendingPathComponent("Templates").path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }
        #expect(templates.count > 20)
        for template in templates where !["base", "metric-table"].contains(template) {
            for language in Localizer.languages {
                for user in [nil, "manager"] as [String?] {
                    for page in [OptionalPage.empty, OptionalPage.someAbsent] {
                        let html = renderer.html(template, page: page, title: "T", language: language, user: user, languageLinks: [])
                        #expect(Self.leaks(html).isEmpty, "\(template) \(language) user=\(user ?? "-"): \(Self.leaks(html))")
                        if user == nil { #expect(!html.contains("/logout"), "\(template) \(language): a sign-out button for an anonymous visitor") }
                    }
                }
            }
        }
    }

    @Test func pagesAnAnonymousVisitorSees() async throws {
        try await TestApp.withRouter { _, client in
            let html: HTTPFields = [.accept: "text/html"]
            try await client.execute(uri: "/login", method: .get) { response in
                #expect(Self.leaks(response.text).isEmpty)
                #expect(!response.text.contains("/logout"))
                #expect(!response.text.contains("href=\"/cases\""))
            }
            try await client.execute(uri: "/no-such-page", method: .get, headers: html) { response in
                #expect(response.status == .notFound)
                #expect(Self.leaks(response.text).isEmpty)
            }
            for uri in ["/s/not-a-token", "/s/not-a-token?lang=en"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound)
                    #expect(Self.leaks(response.text).isEmpty, "\(uri)")
                }
            }
        }
    }

    @Test func pagesASignedInUserSees() async throws {
        try await TestApp.withRouter { _, client in
            let cookie = try #require(try await DashboardTests.login(client))
            for uri in ["/", "/cases", "/notifications", "/surveys", "/surveys/new", "/problems", "/playbooks", "/service-points", "/dissatisfaction", "/no-such-page"] {
                for language in ["ru", "en"] {
                    try await client.execute(uri: "\(uri)?lang=\(language)", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) { response in
                        #expect(Self.leaks(response.text).isEmpty, "\(uri) \(language): \(Self.leaks(response.text))")
                    }
                }
            }
        }
    }
}
