import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// What the dashboard says beside its figures: the sample behind an NPS, the change against the previous
/// period, the period presets, CES's scale, trends of every metric, no "n=0" for a metric a channel cannot
/// have, and a bad period kept in the form with what is wrong in the page's language.
@Suite struct DashboardFigureTests {
    static let noon = ISO8601DateFormatter().date(from: "2026-10-10T12:00:00Z")!

    static func page(_ client: any TestClientProtocol, _ cookie: String, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, $0.text) }
    }

    @Test func spontaneousNPSCarriesItsLabelInBothLanguages() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            try await DashboardTests.seed(test)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, en) = try await Self.page(client, cookie, "/?lang=en")
            #expect(en.contains("spontaneous sample, not a measurement"))
            #expect(!en.contains("NPS from surveys"))
            let (_, ru) = try await Self.page(client, cookie, "/?lang=ru")
            #expect(ru.contains("спонтанная выборка, не измерение"))
        }
    }

    /// 10 survey responses, 6 with an NPS answer (4 promoters, 1 passive, 1 detractor): response rate 60 %,
    /// NPS 100·(4 − 1)/6 = 50.0; non-responders as passives 100·3/10 = 30.0; as detractors 100·(4 − 1 − 4)/10 = −10.0.
    @Test func surveyNPSShowsItsResponseRateAndVariants() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            let scores: [Int?] = [10, 10, 9, 9, 8, 3, nil, nil, nil, nil]
            let items = scores.enumerated().map { index, score in
                Feedback(id: "s\(index)", ts: Date().addingTimeInterval(-3600 * Double(index + 1)), channel: .web, kind: .surveyResponse,
                         location: "L01", nps: score, csat: 4)
            }
            _ = try await test.app.ingest.ingest(items)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, en) = try await Self.page(client, cookie, "/?lang=en")
            #expect(en.contains("NPS from surveys"))
            #expect(en.contains("NPS response rate 60.0 % (6 answers of 10 survey responses)"))
            #expect(en.contains("respondents only</dt><dd>50.0"))
            #expect(en.contains("non-responders as passives</dt><dd>30.0"))
            #expect(en.contains("non-responders as detractors</dt><dd>-10.0"))
            #expect(!en.contains("spontaneous sample, not a measurement"), "only survey responses: no spontaneous NPS")
        }
    }

    /// Current period 2026-10-01…30: NPS 50 (60 promoters, 10 detractors of 100); previous 2026-09-01…30: NPS 10
    /// (40, 30 of 100). Change +40.0 points; SE = √((0.4 + 0.3 − 0.01)/100 + (0.6 + 0.1 − 0.25)/100) = 0.10677,
    /// z = 3.746, p = 0.00018; interval 40 ± 1.96·10.677 = [+19.1; +60.9].
    @Test func changeAgainstThePreviousPeriodWithItsSignificance() async throws {
        try await TestApp.withRouter(minimumN: 30) { test, client in
            func answers(_ prefix: String, day: Date, promoters: Int, detractors: Int) -> [Feedback] {
                (0..<100).map { index in
                    let score = index < promoters ? 10 : (index < promoters + detractors ? 2 : 8)
                    return Feedback(id: "\(prefix)\(index)", ts: day, channel: .terminal, kind: .informative, location: "L01", nps: score, ces: 5)
                }
            }
            let previous = ISO8601DateFormatter().date(from: "2026-09-10T12:00:00Z")!
            _ = try await test.app.ingest.ingest(answers("now", day: Self.noon, promoters: 60, detractors: 10) + answers("before", day: previous, promoters: 40, detractors: 30))
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, en) = try await Self.page(client, cookie, "/?lang=en&from=2026-10-01&to=2026-10-30")
            #expect(en.contains("+40.0 NPS points"))
            #expect(en.contains("[+19.1; +60.9]"))
            #expect(en.contains("vs 1 Sep 2026 – 30 Sep 2026; p &lt; 0.001, significant (p &lt; 0.05)") || en.contains("vs 1 Sep 2026 – 30 Sep 2026; p < 0.001, significant (p < 0.05)"))
            // CES shows its scale; CSAT and CES have trends.
            #expect(en.contains("5.00 <span class=\"scale\">of 7</span>"))
            #expect(en.contains("CSAT trend") && en.contains("CES trend (1-7)"))
            let (_, ru) = try await Self.page(client, cookie, "/?lang=ru&from=2026-10-01&to=2026-10-30")
            #expect(ru.contains("<span class=\"scale\">из 7</span>"))
            #expect(ru.contains("+40,0 п. NPS"))
        }
    }

    @Test func presetsKeepTheOtherFilters() throws {
        let zone = TimeZone(identifier: "UTC")!
        let filters = try DashboardFilters(query: ["from": "2026-10-01", "to": "2026-10-30", "location": "L01"], timeZone: zone)
        let today = try #require(LocalCalendar.day(parsing: "2026-11-23"))
        let presets = Dictionary(uniqueKeysWithValues: filters.presets(today: today).map { ($0.key, $0.filters) })
        func period(_ key: String) -> String {
            presets[key].map { "\(LocalCalendar.label(day: $0.fromDay))…\(LocalCalendar.label(day: $0.toDay))" } ?? ""
        }
        #expect(period("preset_7") == "2026-11-17…2026-11-23")
        #expect(period("preset_30") == "2026-10-25…2026-11-23")
        #expect(period("preset_90") == "2026-08-26…2026-11-23")
        #expect(period("preset_quarter") == "2026-10-01…2026-11-23")
        #expect(period("preset_year") == "2025-11-24…2026-11-23")
        #expect(period("preset_last_year") == "2025-10-01…2025-10-30")
        #expect(presets["preset_7"]?.location == "L01")
        #expect(presets["preset_7"]?.link == "/?from=2026-11-17&to=2026-11-23&location=L01")
        #expect(LocalCalendar.label(day: DashboardFilters.yearEarlier(LocalCalendar.day(parsing: "2028-02-29")!)) == "2027-02-28")
        let previous = filters.previous
        #expect(LocalCalendar.label(day: previous.fromDay) == "2026-09-01" && LocalCalendar.label(day: previous.toDay) == "2026-09-30")
    }

    @Test func presetsAreOnThePage() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            try await DashboardTests.seed(test)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, en) = try await Self.page(client, cookie, "/?lang=en")
            for label in ["7 days", "30 days", "90 days", "this quarter", "year", "same period last year"] {
                #expect(en.contains(">\(label)</a>"), "preset \(label)")
            }
            #expect(en.contains("aria-current=\"true\" class=\"current\">90 days</a>"), "the default period is the 90-day preset")
        }
    }

    /// The seed has NPS on the terminal and presses on the button: the button's NPS and the terminal's presses
    /// cannot exist, and no cell says "insufficient data, n=0".
    @Test func aMetricAChannelCannotHaveIsADash() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            try await DashboardTests.seed(test)
            let cookie = try #require(try await DashboardTests.login(client))
            let (_, en) = try await Self.page(client, cookie, "/?lang=en")
            #expect(!en.contains("n=0<"))
            #expect(!en.contains("n = 0<"))
            #expect(en.contains("title=\"not collected here (e.g. NPS of a button)\">—</span>"))
            let (_, button) = try await Self.page(client, cookie, "/?lang=en&channel=button")
            #expect(!button.contains("n = 0<") && button.contains("not collected here"))
        }
    }

    @Test func aBadPeriodKeepsTheFormAndSaysWhatIsWrong() async throws {
        try await TestApp.withRouter(minimumN: 5) { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let (status, ru) = try await Self.page(client, cookie, "/?lang=ru&from=2026-10-30&to=2026-10-01&location=L01")
            #expect(status == .unprocessableContent)
            #expect(ru.contains("<form method=\"get\" action=\"/\" class=\"filters\""))
            #expect(ru.contains("value=\"2026-10-30\"") && ru.contains("value=\"2026-10-01\""))
            #expect(ru.contains("Период начинается (2026-10-30) позже, чем заканчивается (2026-10-01)"))
            #expect(ru.contains("<option value=\"L01\" selected>"), "the other filters stay chosen")
            #expect(!ru.contains("the period starts after it ends"))
            let (_, en) = try await Self.page(client, cookie, "/?lang=en&from=2026-02-30")
            #expect(en.contains("“From”: “2026-02-30” is not a date YYYY-MM-DD."))
            #expect(en.contains("value=\"2026-02-30\""))
        }
    }

    /// Labels are thinned so that each has room for its text: 13 weekly labels of 10 characters on 796 units.
    @Test func xAxisLabelsDoNotOverlap() throws {
        let points = (0..<13).map { TrendChart.Point(label: "2026-0\($0 % 9 + 1)-01", value: Double($0), low: nil, high: nil) }
        let svg = TrendChart(title: "t", points: points, scale: 0...100).render()
        let xs = svg.matches(of: /<text x="([0-9.]+)" y="212.0" text-anchor="middle">/).compactMap { Double($0.output.1) }
        #expect(xs.count >= 2)
        let width = 10 * TrendChart.labelCharacterWidth
        for (a, b) in zip(xs, xs.dropFirst()) { #expect(b - a >= width, "labels \(a) and \(b) overlap") }
        #expect(TrendChart.labelStep(count: 2, longest: 10, plotWidth: 796) == 1)
        #expect(TrendChart.labelStep(count: 91, longest: 10, plotWidth: 796) == 10)
    }
}
