import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

@testable import OtklikServer

/// Issue 15 item 9: a page in one language carries no sentence of the other language's resource file —
/// escalation history, notifications, validation and error messages, metric definitions included.
@Suite struct PageLanguageTests {
    /// The resource file's sentences (three words or more, in its own script) that the other file does not share.
    static func sentences(of language: String, localizer: Localizer) -> Set<String> {
        let own = localizer.table(language)
        let shared = Set(localizer.table(language == "ru" ? "en" : "ru").values)
        var found = Set<String>()
        for value in own.values where !shared.contains(value) && !value.contains("{") {
            let parts = value.replacingOccurrences(of: #"(?<=[.:;!?])\s+|\s+[—·]\s+|[()]"#, with: "\u{1}", options: .regularExpression)
                .split(separator: "\u{1}")
            for part in parts {
                let sentence = part.trimmingCharacters(in: CharacterSet(charactersIn: " .,:;"))
                let cyrillic = sentence.range(of: "[а-яё]", options: [.regularExpression, .caseInsensitive]) != nil
                let words = sentence.matches(of: /\p{L}{3,}/).count
                if sentence.split(separator: " ").count >= 3 && words >= 2 && cyrillic == (language == "ru") { found.insert(sentence) }
            }
        }
        return found
    }

    /// The page's text, tags removed and entities of quotes restored.
    static func visible(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            .replacingOccurrences(of: #"\s+"#, with: " ", options: .regularExpression)
    }

    /// The design's source documents ("seed 000"…"seed 004") are the project's, not the reader's: no interface text
    /// names them (found on `/public-services`, `/life-situations`, `/assessment` and `/playbooks`).
    @Test func noInterfaceTextNamesTheProjectsSourceDocuments() throws {
        let localizer = try Localizer(defaultLanguage: "ru")
        for language in Localizer.languages {
            let named = localizer.table(language).filter { $0.value.range(of: #"seed\s*00\d"#, options: [.regularExpression, .caseInsensitive]) != nil }
            #expect(named.isEmpty, "\(language): \(named.keys.sorted())")
        }
    }

    @Test func noPageCarriesTheOtherLanguage() async throws {
        let localizer = try Localizer(defaultLanguage: "ru")
        let foreign = ["ru": Self.sentences(of: "en", localizer: localizer), "en": Self.sentences(of: "ru", localizer: localizer)]
        #expect(foreign["ru"]!.count > 100 && foreign["en"]!.count > 100)
        try await TestApp.withRouter { test, client in
            // A case escalated by its deadline, a notification about it, a survey.
            try await test.app.database.reference.save(Staff(code: "M01", name: "Руководитель", location: "L01", role: "manager"))
            try await test.app.database.reference.save(Staff(code: "R01", name: "Регион", location: "L02", role: "regional_manager"))
            try await CaseListPageTests.complaints(3, test, client)
            let schedule = try await test.app.caseSchedule.current()
            _ = try await test.app.cases.supervise(now: Date().addingTimeInterval(30 * 86_400), schedule: schedule)
            let item = try #require(try await test.app.database.cases.cases(.init(limit: 1)).first)
            try await test.app.database.access.setStaff(username: "manager", staff: "R01")
            let cookie = try #require(try await DashboardTests.login(client))
            var form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            form[.cookie] = cookie
            for language in ["ru", "en"] {
                var pages: [(String, String)] = []
                for uri in ["/", "/cases", "/cases?status=all", "/cases/\(item.id)", "/notifications", "/surveys", "/surveys/new", "/problems",
                            "/playbooks", "/service-points", "/dissatisfaction", "/customers", "/customers?q=nobody", "/contact-centre", "/public-services", "/case-reports", "/no-such-page", "/cases?status=bogus", "/login", "/s/bogus"] {
                    let separator = uri.contains("?") ? "&" : "?"
                    try await client.execute(uri: "\(uri)\(separator)lang=\(language)", method: .get, headers: [.cookie: cookie, .accept: "text/html"]) {
                        pages.append((uri, $0.text))
                    }
                }
                try await client.execute(
                    uri: "/surveys?lang=\(language)", method: .post, headers: form,
                    body: SurveyEditorPageTests.body(["code": "x", "title_ru": "", "target": "70", "max_questions": "5", "method": "simple",
                                                      "probability": "0.2", "fatigue_days": "183", "action": "create"])
                ) { pages.append(("POST /surveys", $0.text)) }
                try await client.execute(
                    uri: "/cases/\(item.id)?lang=\(language)", method: .post, headers: form, body: ByteBuffer(string: "action=comment&text=")
                ) { pages.append(("POST /cases/id", $0.text)) }
                for (uri, html) in pages {
                    let text = Self.visible(html)
                    let leaks = foreign[language]!.filter { text.contains($0) }.sorted()
                    #expect(leaks.isEmpty, "\(uri) in \(language): \(leaks.prefix(5))")
                    if language == "ru" {
                        for english in ["deadline passed", "level 1 (", "level 2 (", "characters", "is 1-", "the period starts"] {
                            #expect(!text.contains(english), "\(uri) in ru: «\(english)»")
                        }
                    }
                }
            }
        }
    }
}
