import Foundation
import Testing

@testable import OtklikServer

/// Issue 17 item 4: pages are typed structs that swift-mustache reads through Mirror. An optional property that is
/// nil renders as nothing and opens no `{{#section}}` (the bug of the old dictionary pages, when optionals were
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

    /// What a page must never show: an optional or a tag gone wrong.
    static func broken(_ html: String) -> [String] {
        PageNilTests.leaks(html) + (html.contains("{{") ? ["{{"] : [])
    }

    static func initiatives(rows: [InitiativeListPage.Row], error: String? = nil) -> InitiativeListPage {
        let choice = InitiativeListPage.Choice(code: "L01", label: "Центральный", checked: true)
        return InitiativeListPage(
            rows: rows, hasRows: !rows.isEmpty, count: rows.count, canAct: true, error: error, form: InitiativeListPage.Form(id: "i-1"),
            metrics: [SelectOption(code: "nps", label: "NPS", selected: false), SelectOption(code: "csat", label: "CSAT", selected: true)],
            controls: [SelectOption(code: "region", label: "Region", selected: true)], locations: [choice],
            services: [InitiativeListPage.Choice(code: "SV01", label: "Паспорт", checked: false)], problems: [], hasProblems: false, themes: [])
    }

    @Test func theInitiativeListIsTyped() async throws {
        let pages = try await Self.renderer()
        let row = InitiativeListPage.Row(
            id: "i-1", href: "/initiatives/i-1", title: "Очереди", metric: "NPS", rank: "1", improvement: "+6.1 [2.3; 9.9]", nTreated: 120,
            nControl: 340, budget: "1 500 000", perCost: "+0.4", verdict: "ranked", ranked: true, status: "measured")
        for language in Localizer.languages {
            for page in [Self.initiatives(rows: []), Self.initiatives(rows: [row], error: "Бюджет — целое число")] {
                let html = pages.html("initiatives", page: page, title: "T", language: language, user: "manager", languageLinks: [])
                #expect(Self.broken(html).isEmpty, "\(language): \(Self.broken(html))")
            }
        }
        // A fresh form: no error, so no alert (an empty string in the old dictionary opened an empty one); no rows, no table.
        let fresh = pages.html("initiatives", page: Self.initiatives(rows: []), title: "T", language: "en", user: "manager", languageLinks: [])
        #expect(!fresh.contains("role=\"alert\""))
        #expect(!fresh.contains("id=\"portfolio\""))
        #expect(fresh.contains("<option value=\"csat\" selected>CSAT</option>"))
        #expect(fresh.contains("<option value=\"nps\" >NPS</option>"))
        #expect(fresh.contains("value=\"L01\" checked> Центральный (L01)"))
        #expect(fresh.contains("value=\"SV01\" > Паспорт"))
        #expect(fresh.contains("name=\"id\" value=\"i-1\""))
        let sent = pages.html("initiatives", page: Self.initiatives(rows: [row], error: "Бюджет — целое число"), title: "T", language: "ru", user: "manager", languageLinks: [])
        #expect(sent.contains("<p class=\"error\" role=\"alert\" id=\"initiative-error\">Бюджет — целое число</p>"))
        #expect(sent.contains("<tr data-id=\"i-1\"><td class=\"rank\">1</td>"))
        #expect(sent.contains("<td class=\"num\">120 / 340</td>"))
    }

    static func initiative(measured: Bool, se: String?) -> InitiativePage {
        let cell = FigureCell(text: "7.5", ci: "[7.1; 7.9]", n: 240)
        let few = FigureCell(text: "—", ci: "too few", n: 3, insufficient: true)
        return InitiativePage(
            id: "i-1", title: "Очереди", owner: "Анна", metric: "NPS", definition: "NPS: …", locations: "Центральный", services: "все",
            budget: "0", start: "2026-09-01", end: "идёт", control: "region", controlLocations: "", hasControl: false,
            problems: [InitiativePage.Link(text: "P-1", href: "/problems/P-1")], hasProblems: true, themes: "", hasThemes: false,
            journeyStages: [], hasJourneyStages: false, status: "measured", before: "2026-08-01 – 2026-08-31", after: "—",
            treatedBefore: cell, treatedAfter: few, controlBefore: cell, controlAfter: cell, treatedChange: "—", controlChange: "+0.1",
            effect: "—", verdict: "v", perCost: "—", measured: measured, se: se)
    }

    @Test func theInitiativePageIsTyped() async throws {
        let pages = try await Self.renderer()
        for language in Localizer.languages {
            for page in [Self.initiative(measured: false, se: nil), Self.initiative(measured: true, se: nil), Self.initiative(measured: true, se: "0.12")] {
                let html = pages.html("initiative", page: page, title: "T", language: language, user: "manager", languageLinks: [])
                #expect(Self.broken(html).isEmpty, "\(language): \(Self.broken(html))")
            }
        }
        let unmeasured = pages.html("initiative", page: Self.initiative(measured: false, se: nil), title: "T", language: "en", user: "manager", languageLinks: [])
        #expect(!unmeasured.contains("id=\"did\""))
        #expect(unmeasured.contains("<dd><a href=\"/problems/P-1\">P-1</a> </dd>"))
        #expect(!unmeasured.contains("initiative-journey-stages"), "an empty list of stages opened its section")
        let noSE = pages.html("initiative", page: Self.initiative(measured: true, se: nil), title: "T", language: "en", user: "manager", languageLinks: [])
        #expect(noSE.contains("id=\"did\""))
        #expect(noSE.contains("<td>7.5 <span class=\"ci\">[7.1; 7.9]</span> <span class=\"n\">n = 240</span></td>"))
        #expect(noSE.contains("<td>— <span class=\"ci\">too few</span> <span class=\"n\">n = 3</span></td>"))
        #expect(!noSE.contains("(SE"), "a nil standard error opened its section")
        let withSE = pages.html("initiative", page: Self.initiative(measured: true, se: "0.12"), title: "T", language: "en", user: "manager", languageLinks: [])
        #expect(withSE.contains("<span class=\"muted\">(SE 0.12)</span>"))
    }

    @Test func theServicePointsPageIsTyped() async throws {
        let pages = try await Self.renderer()
        let location = ServicePointsPage.Location(
            code: "L01", name: "Центральный", kiosk: "/kiosk/L01", qr: "/q/L01", qrImage: "/q/L01/qr.svg", display: "/display/L01")
        let device = ServicePointsPage.Device(code: "BTN-1", kind: "button", location: "L01", staff: "", lastSeen: "never", skew: "", revoked: true)
        for language in Localizer.languages {
            for page in [ServicePointsPage(locations: [location], devices: [], hasDevices: false),
                         ServicePointsPage(locations: [location], devices: [device], hasDevices: true)] {
                let html = pages.html("service-points", page: page, title: "T", language: language, user: "manager", languageLinks: [])
                #expect(Self.broken(html).isEmpty, "\(language): \(Self.broken(html))")
                #expect(html.contains("<a href=\"/q/L01/qr.svg\">"))
                #expect(html.contains("BTN-1") == page.hasDevices)
            }
        }
        let text = try Localizer(defaultLanguage: "ru").table("en")
        let html = pages.html(
            "service-points", page: ServicePointsPage(locations: [location], devices: [device], hasDevices: true), title: "T", language: "en",
            user: "manager", languageLinks: [])
        #expect(html.contains("BTN-1 <span class=\"code\">button</span> (\(try #require(text["revoked"])))</th><td>L01</td><td></td><td>never</td><td></td>"))
    }
}
