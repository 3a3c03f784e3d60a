import Foundation
import OtklikCore
import OtklikMetrics

/// The queries of the analytics benchmark (issue 7), over the generated year 2025 in UTC; the
/// DuckDB side (`scripts/bench/analytics.py`) runs the same five in SQL.
struct AnalyticsBenchQuery {
    var id: String
    var title: String
    var metric: MetricID
    var query: FeedbackQuery
    /// The columns the scan reads for each row, with their width in bytes (`FeedbackTable`'s layout): with the rows
    /// in the query's period, the bytes it cannot do without, and so its bound at the machine's read bandwidth.
    var columns: [String: Int]

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static let all: [AnalyticsBenchQuery] = [
        AnalyticsBenchQuery(id: "Q1", title: "NPS by location", metric: .nps, query: FeedbackQuery(groupBy: [.location]),
            columns: ["location": 4, "nps": 1]),
        AnalyticsBenchQuery(
            id: "Q2", title: "NPS by location, non-responders as passives", metric: .npsNonrespondersPassive,
            query: FeedbackQuery(groupBy: [.location]), columns: ["location": 4, "nps": 1]),
        AnalyticsBenchQuery(
            id: "Q3", title: "CSAT by staff, last 30 days", metric: .csat,
            query: FeedbackQuery(from: utc("2025-12-02T00:00:00Z"), to: utc("2026-01-01T00:00:00Z"), groupBy: [.staff]),
            columns: ["staff": 4, "csat": 1]),
        AnalyticsBenchQuery(
            id: "Q4", title: "Daily NPS trend over the year", metric: .nps, query: FeedbackQuery(groupBy: [.day]),
            columns: ["day": 4, "nps": 1]),
        AnalyticsBenchQuery(
            id: "Q5", title: "NPS by location × service, terminal and QR", metric: .nps,
            query: FeedbackQuery(channels: [.terminal, .qrWeb], groupBy: [.location, .service]),
            columns: ["channel": 1, "location": 4, "service": 4, "nps": 1]),
    ]

    /// Rows in the query's period (every row when it has none): the rows whose columns the scan must read.
    func rowsInPeriod(of table: FeedbackTable) -> Int {
        guard query.from != nil || query.to != nil else { return table.count }
        let period = FeedbackQuery(from: query.from, to: query.to)
        return MetricReport(metric: .count, tallies: table.tally(period), minimumN: 1).overall.n
    }

    /// Bytes the scan must read: the columns' widths times the rows in the period.
    func bytesRead(from table: FeedbackTable) -> Int { rowsInPeriod(of: table) * columns.values.reduce(0, +) }

    /// Scans and evaluates, as `GET /api/v1/metrics` does (every group, with n and its interval).
    func run(on table: FeedbackTable, options: ScanOptions) -> MetricReport {
        var query = query
        query.measures = TallyMeasures(metric)
        return MetricReport(metric: metric, tallies: table.tally(query, options: options), minimumN: 1)
    }
}
