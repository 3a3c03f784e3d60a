import Foundation
import OtklikCore
import OtklikMetrics
import Testing
@testable import OtklikServer

/// The dashboard's process panel on the demo's contacts (calls and the e-mails about service requests, as
/// `otklik demo` stores them): calls only, its ASA equal to `otklik metrics asa --channel call_center` over the same
/// period, and an axis that fits the series.
@Suite struct ProcessPanelDemoTests {
    static let zone = TimeZone(identifier: "Europe/Moscow")!
    static let end = DemoDataTests.end

    static func demo() async -> Analytics {
        let analytics = Analytics(timeZone: zone)
        var calls = DemoCallGenerator(seed: 2026, end: end)
        try await analytics.append((1...(DemoSeeder.defaultRecords / 5)).map { calls.make(index: $0) })
        var process = DemoProcessGenerator(seed: 2026, end: end)
        let made = (1...(DemoSeeder.defaultRecords / 10)).map { process.make(index: $0) }
        try await analytics.append(made.flatMap(\.emails))
        return analytics
    }

    /// The ASA `otklik metrics asa --channel call_center --from … --to …` reports (the CLI's and the API's parser).
    static func cliASA(_ analytics: Analytics, from: String, toExclusive: String) async throws -> Double? {
        let parsed = try CallMetricQueryParser(timeZone: zone).parse(["metric": "asa", "channel": "call_center", "from": from, "to": toExclusive])
        return try await analytics.report(parsed, minimumN: 30).overall.value
    }

    /// The y-axis labels of a chart, top one last.
    static func axisLabels(_ svg: String) -> [Double] {
        let pattern = /text-anchor="end">([0-9.]+)</
        return svg.matches(of: pattern).compactMap { Double($0.output.1) }
    }

    @Test(arguments: [("2026-04-01", "2026-05-31", "2026-06-01", 10.0...25.0), ("2026-07-15", "2026-08-31", "2026-09-01", 30.0...55.0)])
    func panelASAIsTheCallsASA(from: String, to: String, toExclusive: String, plausible: ClosedRange<Double>) async throws {
        let analytics = try await Self.demo()
        let filters = try DashboardFilters(query: ["from": from, "to": to], timeZone: Self.zone)
        let panel = try #require(await ProcessPanelBuilder(analytics: analytics, minimumN: 30, text: [:]).build(filters, bucket: .week))
        let asa = try #require(panel.asaOverall)
        let cli = try #require(try await Self.cliASA(analytics, from: from, toExclusive: toExclusive))
        #expect(abs(asa - cli) < 1e-9)
        #expect(plausible.contains(asa), "calls wait seconds, not the hours of e-mails: \(asa)")
        // The axis fits the series: its top is below twice the largest weekly ASA.
        let weekly = panel.rows.map(\.asa.text).compactMap { Double($0.split(separator: " ")[0]) }
        let chart = panel.asaChart
        let top = try #require(Self.axisLabels(chart).max())
        let seriesMax = try #require(weekly.max())
        #expect(top < 2 * seriesMax, "axis top \(top), series max \(seriesMax)")
        #expect(top >= seriesMax)
    }

    @Test func secondsScaleFollowsTheData() {
        func point(_ value: Double) -> TrendChart.Point { TrendChart.Point(label: "", value: value, low: nil, high: nil) }
        #expect(ProcessPanelBuilder.secondsScale([point(18), point(41.3)]) == 0...45)
        #expect(ProcessPanelBuilder.secondsScale([point(27_000), point(109_000)]) == 0...129_600)
        #expect(ProcessPanelBuilder.secondsScale([]) == 0...60)
    }
}
