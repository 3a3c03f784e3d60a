import Foundation
import Testing

@testable import OtklikServer

/// Issue 17 item 4: pages are typed structs that swift-mustache reads through Mirror. An optional property that is
/// nil renders as nothing and opens no `{{#section}}` (the bug `MustacheValue` was written for, when optionals were
/// boxed in `Any`), and a section over an empty array renders nothing.
@Suite struct TypedPageTests {
    static func renderer() async throws -> PageRenderer {
        try await PageRenderer(localizer: try Localizer(defaultLanguage: "ru"))
    }

    /// A case with every optional part absent and no events.
    static func bareCase(error: String? = nil, breached: CasePage.Breach? = nil, events: [CasePage.Event] = []) -> CasePage {
        var page = CasePage(
            id: "case-1", status: "open", isOpen: true, opened: "2026-11-01 10:00", due: "2026-11-02 10:00", overdue: false, owner: "—",
            ownerCode: "", location: "L01", canAct: true, priority: "normal", priorityCode: "normal", priorityOptions: [], events: events,
            followUps: [], resolutionCodes: [], statusOptions: [], staffOptions: [], canEscalate: false, kind: "complaint")
        page.error = error
        page.breached = breached
        return page
    }

    @Test func aNilOptionalRendersNothingAndOpensNoSection() async throws {
        let pages = try await Self.renderer()
        for language in Localizer.languages {
            let html = pages.html("case", page: Self.bareCase(), title: "T", language: language, user: "manager", languageLinks: [])
            #expect(PageNilTests.leaks(html).isEmpty, "\(language): \(PageNilTests.leaks(html))")
            #expect(!html.contains("role=\"alert\""), "a nil error opened its section")
            #expect(!html.contains("id=\"case-breached\""), "a nil breach opened its section")
            #expect(!html.contains("id=\"case-done\""), "a nil done message opened its section")
            #expect(!html.contains("{{"))
        }
        // The same sections open when the values are there.
        let present = Self.bareCase(error: "Нельзя", breached: CasePage.Breach(due: "2026-11-02 10:00", noticed: "2026-11-02 10:05"))
        let html = pages.html("case", page: present, title: "T", language: "ru", user: "manager", languageLinks: [])
        #expect(html.contains("<p class=\"error\" role=\"alert\">Нельзя</p>"))
        #expect(html.contains("id=\"case-breached\""))
        #expect(html.contains("2026-11-02 10:05"))
    }

    @Test func aSectionOverAnEmptyArrayRendersNothing() async throws {
        let pages = try await Self.renderer()
        let empty = pages.html("case", page: Self.bareCase(), title: "T", language: "en", user: "manager", languageLinks: [])
        #expect(empty.contains("<ol class=\"timeline\"></ol>"))
        let event = CasePage.Event(at: "2026-11-01 10:00", actor: "demo", kind: "opened", text: "S001")
        let one = pages.html("case", page: Self.bareCase(events: [event]), title: "T", language: "en", user: "manager", languageLinks: [])
        #expect(one.contains("<strong>opened</strong> S001</li></ol>"))
    }

    @Test func theBasePageIsTyped() async throws {
        let pages = try await Self.renderer()
        let links = [LanguageLink(code: "RU", langCode: "ru", href: "/?lang=ru", current: true), LanguageLink(code: "EN", langCode: "en", href: "/?lang=en", current: false)]
        let signedIn = pages.html("error", page: ErrorPage(status: "404", message: "Нет такой страницы"), title: "Ошибка", language: "ru", user: "manager", languageLinks: links, unread: 3)
        #expect(signedIn.contains("href=\"/?lang=en\""))
        #expect(signedIn.contains("aria-current=\"true\" lang=\"ru\""))
        #expect(signedIn.contains("/logout"))
        #expect(signedIn.contains("<span class=\"badge\">3"))
        #expect(signedIn.contains("Нет такой страницы"))
        // No user: the optional is nil, so neither the navigation nor the sign-out button is rendered.
        let anonymous = pages.html("error", page: ErrorPage(status: "404", message: "x"), title: "Ошибка", language: "ru", user: nil, languageLinks: links)
        #expect(!anonymous.contains("/logout"))
        #expect(!anonymous.contains("class=\"badge\""))
        #expect(PageNilTests.leaks(anonymous).isEmpty)
    }
}
