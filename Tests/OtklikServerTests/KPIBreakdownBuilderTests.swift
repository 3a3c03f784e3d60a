import OtklikMetrics
import Testing

@testable import OtklikServer

/// Which rows a breakdown table keeps. A row whose every rate is below the minimum n says nothing and is left out; on
/// `/case-reports` a count of open cases (which has no minimum) no longer keeps such a row in the staff table (a
/// location, team or month with open cases still shows) — on the 20,000-record demo
/// the staff table was 70-odd rows of "insufficient data" kept only by one or two open cases each.
@Suite struct KPIBreakdownBuilderTests {
    static func report(_ metric: String, _ rows: [(String, MetricValue)]) -> MetricReport {
        MetricReport(
            metric: metric, name: metric, definition: metric, minimumN: 30, dimensions: ["staff"],
            groups: rows.map { .init(key: ["staff": $0.0], value: $0.1) }, overall: MetricValue(value: nil, n: 0, ciLow: nil, ciHigh: nil, insufficient: true))
    }

    static let columns: [KPIBreakdownBuilder.Column] = [
        .init(name: "SLA", report: report("sla_attainment", [
            ("S1", MetricValue(value: 90, n: 40, ciLow: 77, ciHigh: 96, insufficient: false)),
            ("S2", MetricValue(value: 50, n: 6, ciLow: 19, ciHigh: 81, insufficient: true)),
        ]), unit: .percent),
        .init(name: "Open", report: report("backlog", [
            ("S1", MetricValue(value: 1, n: 1, ciLow: nil, ciHigh: nil, insufficient: false)),
            ("S2", MetricValue(value: 2, n: 2, ciLow: nil, ciHigh: nil, insufficient: false)),
        ]), unit: .count),
    ]

    @Test func aCountKeepsARowOnlyWhereCountsKeepRows() {
        let builder = KPIBreakdownBuilder(format: KPIFigureFormat(text: [:]))
        let kept = builder.table(id: "by-staff", caption: "By staff", dimension: "staff", label: "Staff", columns: Self.columns) { $0 }
        #expect(kept.rows.map(\.code) == ["S1", "S2"] && kept.hiddenNote == nil)

        let cases = builder.table(
            id: "by-staff", caption: "By staff", dimension: "staff", label: "Staff", columns: Self.columns, countsKeepRows: false) { $0 }
        #expect(cases.rows.map(\.code) == ["S1"])
        #expect(cases.hiddenNote == "Rows with too few cases for any rate, left out: 1 (their open cases are in the case queue).")
        // A table of counts alone keeps nothing then: it says so instead of showing an empty table.
        let onlyCounts = builder.table(
            id: "x", caption: "x", dimension: "staff", label: "Staff", columns: [Self.columns[1]], countsKeepRows: false) { $0 }
        #expect(!onlyCounts.hasRows && onlyCounts.hiddenNote?.contains("2") == true)
    }
}
