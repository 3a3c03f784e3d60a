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

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static let all: [AnalyticsBenchQuery] = [
        AnalyticsBenchQuery(id: "Q1", title: "NPS by location", metric: .nps, query: FeedbackQuery(groupBy: [.location])),
        AnalyticsBenchQuery(
            id: "Q2", title: "NPS by location, non-responders as passives", metric: .npsNonrespondersPassive,
            query: FeedbackQuery(groupBy: [.location])),
        AnalyticsBenchQuery(
            id: "Q3", title: "CSAT by staff, last 30 days", metric: .csat,
            query: FeedbackQuery(from: utc("2025-12-02T00:00:00Z"), to: utc("2026-01-01T00:00:00Z"), groupBy: [.staff])),
        AnalyticsBenchQuery(id: "Q4", title: "Daily NPS trend over the year", metric: .nps, query: FeedbackQuery(groupBy: [.day])),
        AnalyticsBenchQuery(
            id: "Q5", title: "NPS by location × service, terminal and QR", metric: .nps,
            query: FeedbackQuery(channels: [.terminal, .qrWeb], groupBy: [.location, .service])),
    ]

    /// Scans and evaluates, as `GET /api/v1/metrics` does (every group, with n and its interval).
    func run(on table: FeedbackTable, options: ScanOptions) -> MetricReport {
        var query = query
        query.measures = TallyMeasures(metric)
        return MetricReport(metric: metric, tallies: table.tally(query, options: options), minimumN: 1)
    }
}
