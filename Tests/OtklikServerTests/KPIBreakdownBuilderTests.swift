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

    /// The row of records that name no service (the demo's calls, once) was headed "—"; it is said in words, in the
    /// page's language, and the named rows keep their names.
    @Test func theRowWithoutAKeyIsNamedInWords() throws {
        let localizer = try Localizer(defaultLanguage: "ru")
        let rows: [(String, MetricValue)] = [
            ("SV01", MetricValue(value: 80, n: 40, ciLow: 65, ciHigh: 90, insufficient: false)),
            ("", MetricValue(value: 77.3, n: 10_646, ciLow: 76.5, ciHigh: 78.1, insufficient: false)),
        ]
        let report = MetricReport(
            metric: "phone_answered", name: "Phone", definition: "Phone", minimumN: 30, dimensions: ["service"],
            groups: rows.map { .init(key: ["service": $0.0], value: $0.1) }, overall: rows[1].1)
        for (language, none) in [("ru", "Услуга не указана"), ("en", "No service named")] {
            let builder = KPIBreakdownBuilder(format: KPIFigureFormat(text: localizer.table(language)))
            let table = builder.table(
                id: "by-service", caption: "", dimension: "service", label: "", columns: [.init(name: "Phone", report: report, unit: .percent)],
                order: ["SV01"]) { $0 == "SV01" ? "Открытие счёта" : "—" }
            #expect(table.rows.map(\.name) == ["Открытие счёта", none])
            #expect(table.rows.map(\.code) == ["SV01", ""])
        }
        // A dimension with no words of its own gets the general ones.
        let builder = KPIBreakdownBuilder(format: KPIFigureFormat(text: localizer.table("en")))
        #expect(builder.unnamed("month") == "Not named")
    }
}
