import Foundation
import Mustache
import OtklikApplication
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// Pages are rendered from a ``ReflectedModel`` of their view model (one Mirror per value, not one per lookup): the
/// HTML must be exactly what swift-mustache renders from the view model itself.
@Suite struct ReflectedModelTests {
    struct Row {
        var name: String
        var note: String?
        var flagged: Bool
        var values: [Double]
        var when: Date
        var channel: Channel
    }

    struct Model {
        var title: String
        var note: String
        var rows: [Row]
        var empty: [Row]
        var missing: Row?
        var present: Row?
        var words: [String]
        var t: [String: String]
        var count: Int
        var nested: [[Row]]
        var optionals: [String?]
    }

    static let template = """
        <h1>{{title}} {{count}}</h1>{{#rows}}<p>{{name}}: {{note}} {{#flagged}}!{{/flagged}}{{^flagged}}ok{{/flagged}} \
        {{#values}}[{{.}}]{{/values}} {{when}} {{channel}} {{t.more}}</p>{{/rows}}{{^empty}}none{{/empty}}\
        {{#missing}}never{{/missing}}{{^missing}}no row{{/missing}}{{#present}}{{name}} {{title}}{{/present}}\
        {{#words}}<i>{{.}}</i>{{/words}}{{#nested}}<ul>{{#.}}<li>{{name}}</li>{{/.}}</ul>{{/nested}}\
        {{#optionals}}({{.}}){{/optionals}}{{present.name}}{{missing.name}}{{t.title}}
        """

    @Test func aModelRendersAsItself() throws {
        let when = Date(timeIntervalSince1970: 1_795_392_000)
        let rows = [
            Row(name: "L01", note: "slow <queue>", flagged: true, values: [1.5, 2], when: when, channel: .terminal),
            Row(name: "L02", note: nil, flagged: false, values: [], when: when, channel: .qrWeb),
        ]
        let model = Model(
            title: "NPS", note: "the parent's note, shown where a row has none", rows: rows, empty: [], missing: nil,
            present: rows[0], words: ["a", "b & c"], t: ["more": "more", "title": "T"], count: 2, nested: [rows, []],
            optionals: ["x", nil, "y"])
        let template = try MustacheTemplate(string: Self.template)
        let expected = template.render(model)
        #expect(expected.contains("L02: the parent&#39;s note") || expected.contains("L02: the parent's note"), "a nil optional falls through to the parent")
        #expect(template.render(ReflectedModel(model)) == expected)
    }

    /// The demo's dashboard (the page with the most lookups), in Russian and English: the same HTML either way.
    @Test(arguments: ["ru", "en"]) func theDashboardRendersAsItself(language: String) async throws {
        let analytics = try await WeakLinkDemoTests.demo()
        let pages = try await PageRenderer(localizer: Localizer(defaultLanguage: "ru"))
        let text = pages.localizer.table(language)
        let page = try await DashboardBuilder(analytics: analytics, names: ReferenceNames(), minimumN: 30, text: text)
            .build(try WeakLinkDemoTests.filters(days: 90))
        let base = BasePage(
            t: text, page: page, title: page.heading, lang: language, langSwitch: [], unread: 0, hasUnread: false, user: "demo")
        let direct = try #require(pages.library.render(base, withTemplate: "dashboard"))
        #expect(direct.count > 50_000)
        #expect(pages.library.render(ReflectedModel(base), withTemplate: "dashboard") == direct)
    }
}
