import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikApplication
@testable import OtklikServer

/// Issue 20 items 3 and 4: the KPI pages show the metrics API's figures for the query their cards name, the Erlang C
/// form answers as `otklik staffing calculate` does, the sparkline breaks where a bucket has too few answers, and the
/// pages render in both languages with nothing left over ("nil") and a bad period kept in the form (422).
@Suite struct KPIPagesTests {
    /// The query items of a card's `/api/v1/metrics?…` link.
    static func parameters(_ link: String) -> [String: String] {
        Dictionary((URLComponents(string: link)?.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    }

    @Test func contactCentreCardsAreTheAPIFigures() async throws {
        let analytics = await ProcessPanelDemoTests.demo()
        let zone = ProcessPanelDemoTests.zone
        let last = LocalCalendar.day(of: ProcessPanelDemoTests.end, in: zone) - 1
        let given = ["from": LocalCalendar.label(day: last - 89), "to": LocalCalendar.label(day: last), "channel": "call_center"]
        let query = KPIPageQuery(filters: try DashboardFilters(query: given, timeZone: zone), parameters: given)
        let page = try await ContactCentreBuilder(analytics: analytics, minimumN: 30, text: [:])
            .build(query, staffing: StaffingCalculator(text: [:]).form([:]))
        #expect(page.serviceLevels.count == 5 && page.figures.count == 5)
        #expect(page.serviceLevels.allSatisfy { $0.n > 100 })
        let format = KPIFigureFormat(text: [:])
        for figure in page.serviceLevels + page.figures {
            let parameters = Self.parameters(figure.api)
            #expect(parameters["channel"] == "call_center" && parameters["to"] == LocalCalendar.label(day: last + 1))
            let report = await analytics.report(try CallMetricQueryParser(timeZone: zone).parse(parameters), minimumN: 30)
            #expect(figure.n == report.overall.n, "\(figure.id)")
            let unit: KPIFigureFormat.Unit = ["asa", "aht"].contains(report.metric) ? .seconds : .percent
            #expect(figure.value == format.value(report.overall, unit), "\(figure.id)")
            #expect(figure.ci == format.interval(report.overall, unit), "\(figure.id)")
        }
        // Definitions 2 (abandons ignored) and 3 (all offered) count different bases.
        #expect(page.serviceLevels[1].n < page.serviceLevels[2].n)
        let byQueue = try #require(page.tables.first { $0.id == "by-queue" })
        #expect(byQueue.hasRows && byQueue.columns.count == 6)
    }

    /// Issue 20 item 2, "target against actual wherever the KPI appears": contact-centre targets (`sl`, `asa`, …) are
    /// judged on their cards with the figure's interval — a ceiling for waiting time, a floor for the service level —
    /// and a queue's own (service) target wins over the organisation's when that queue is chosen.
    @Test func contactCentreTargetsAreJudgedOnTheirCards() async throws {
        let analytics = await ProcessPanelDemoTests.demo()
        let zone = ProcessPanelDemoTests.zone
        let last = LocalCalendar.day(of: ProcessPanelDemoTests.end, in: zone) - 1
        let year = (LocalCalendar.label(day: last - 300), LocalCalendar.label(day: last + 30))
        let targets = [
            KPITarget(metric: .sl, scope: .organisation, code: nil, from: year.0, to: year.1, target: 99, kind: .absolute),
            KPITarget(metric: .asa, scope: .organisation, code: nil, from: year.0, to: year.1, target: 600, kind: .absolute),
            KPITarget(metric: .asa, scope: .service, code: "SV01", from: year.0, to: year.1, target: 1, kind: .absolute),
        ]
        for target in targets { try target.validate() }
        func page(_ extra: [String: String]) async throws -> ContactCentrePage {
            let given = ["from": LocalCalendar.label(day: last - 89), "to": LocalCalendar.label(day: last), "channel": "call_center"].merging(extra) { $1 }
            var builder = ContactCentreBuilder(analytics: analytics, minimumN: 30, text: [:])
            builder.targets = targets
            return try await builder.build(
                KPIPageQuery(filters: try DashboardFilters(query: given, timeZone: zone), parameters: given), staffing: StaffingCalculator(text: [:]).form([:]))
        }
        let all = try await page([:])
        #expect(all.serviceLevels.allSatisfy { $0.target?.status == "missed" }, "no definition reaches 99 % of calls within 20 s")
        let asa = try #require(all.figures.first { $0.id == "asa" }?.target)
        #expect(asa.status == "met" && asa.goal == "600.0 s", "an average wait of seconds is well under a 10-minute ceiling")
        #expect(all.figures.first { $0.id == "fcr" }?.target == nil, "no FCR target: no note")
        let queue = try await page(["queue": "SV01"])
        #expect(queue.figures.first { $0.id == "asa" }?.target?.status == "missed", "the queue's own 1-second target wins")
        #expect(KPITarget(metric: .asa, scope: .organisation, code: nil, from: year.0, to: year.1, target: 90_000, kind: .absolute).higherIsBetter == false)
        #expect(throws: OtklikError.self) {
            try KPITarget(metric: .asa, scope: .organisation, code: nil, from: year.0, to: year.1, target: 90_000, kind: .absolute).validate()
        }
    }

    @Test func staffingFormAnswersLikeTheCommand() {
        let calculator = StaffingCalculator(text: [:])
        let form = calculator.form(["calls_per_hour": "240", "aht": "180", "target_sl": "80", "answer_within": "20", "shrinkage": "30"])
        let result = try? #require(form.result)
        let expected = ErlangC.staffing(callsPerHour: 240, aht: 180, targetServiceLevel: 0.8, threshold: 20, shrinkage: 0.3)
        #expect(result?.agents == 16 && result?.agents == expected?.agents)
        #expect(result?.scheduled == 23 && result?.serviceLevel == "86.9 %")
        #expect(form.error == nil)
        let bad = calculator.form(["calls_per_hour": "100", "aht": "-5"])
        #expect(bad.result == nil && bad.errorField == "staffing-aht" && bad.error != nil)
        #expect(calculator.form([:]).result == nil && calculator.form([:]).error == nil, "an empty form asks nothing")
        let comma = calculator.form(["calls_per_hour": "120,5", "aht": "200"])
        #expect(comma.result != nil, "a decimal comma is read")
    }

    @Test func sparklineBreaksAtMissingBucketsAndNeedsTwoValues() {
        let svg = Sparkline(values: [10, 20, nil, 15], scale: 0...100, label: "By week: <x>").render()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 1, "a lone value after a gap draws no line")
        #expect(svg.contains("aria-label=\"By week: &lt;x&gt;\"") && svg.contains("role=\"img\""))
        #expect(svg.contains("<circle"))
        #expect(Sparkline(values: [10, nil], scale: 0...100, label: "x").render().isEmpty)
        let two = Sparkline(values: [10, 20, nil, 15, 30, 40], scale: 0...100, label: "x").render()
        #expect(two.components(separatedBy: "<polyline").count - 1 == 2)
    }

    @Test func pagesRenderInBothLanguagesAndKeepABadPeriod() async throws {
        try await TestApp.withRouter { _, client in
            let cookie = try #require(try await DashboardTests.login(client))
            for language in ["ru", "en"] {
                for path in ["/contact-centre", "/public-services", "/case-reports", "/contact-centre?calls_per_hour=10&aht=120"] {
                    let separator = path.contains("?") ? "&" : "?"
                    try await client.execute(uri: "\(path)\(separator)lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                        #expect(response.status == .ok, "\(path) \(language)")
                        let html = String(buffer: response.body)
                        #expect(PageNilTests.leaks(html).isEmpty, "\(path) \(language): \(PageNilTests.leaks(html))")
                        #expect(html.contains("class=\"filters\""))
                        if language == "ru" && path == "/contact-centre" {
                            // The engine's English notes are written in the page's language (FCR's anonymous contacts).
                            #expect(!html.contains("anonymous answered") && html.contains("Анонимные отвеченные обращения"))
                        }
                    }
                }
                try await client.execute(uri: "/case-reports?from=2026-02-30&lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .unprocessableContent)
                    let html = String(buffer: response.body)
                    #expect(html.contains("href=\"#from\"") && html.contains("value=\"2026-02-30\""), "the date is kept as typed")
                    #expect(!html.contains("kpi-figure"))
                }
                try await client.execute(uri: "/contact-centre?threshold=abc&lang=\(language)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .unprocessableContent)
                    #expect(String(buffer: response.body).contains("error-summary"))
                }
            }
            try await client.execute(uri: "/case-reports?format=csv&table=by-location", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && response.headers[.contentType] == "text/csv; charset=utf-8")
                #expect(String(buffer: response.body).hasPrefix("code,name,"))
            }
            try await client.execute(uri: "/case-reports?format=csv&table=nope", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .notFound)
            }
        }
    }
}
