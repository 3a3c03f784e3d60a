import Foundation
import OtklikMetrics

/// Renders the dashboard page over a given feedback table without the HTTP stack: the part of a
/// dashboard request whose cost grows with the records (the scans, the view model, the template).
/// Login, routing and framing are constant in the number of records; `scripts/bench-server` times them.
public struct DashboardBenchmark: Sendable {
    let analytics: Analytics
    let pages: PageRenderer

    /// Seconds it took to build the day rollups from the rows, and the bytes they hold.
    public let rollupSeconds: Double
    public let rollupBytes: Int

    public init(table: FeedbackTable) async throws {
        var table = table
        let started = ContinuousClock.now
        table.addDashboardRollups()
        let elapsed = ContinuousClock.now - started
        rollupSeconds = Self.milliseconds(elapsed) / 1000
        rollupBytes = table.rollupBytes
        analytics = Analytics(table: table)
        pages = try await PageRenderer(localizer: Localizer(defaultLanguage: "ru"))
    }

    /// Builds and renders the page for a period (`YYYY-MM-DD`, inclusive): the HTML's size in bytes and
    /// the milliseconds spent on the view model (scans included) and on the template.
    /// - Parameter cold: forget remembered results first, so that nothing asked before is reused (the first view after a start).
    /// - Parameter filters: the page's other filters (`channel`, `region`, `location`, `service`).
    public func render(
        from: String, to: String, filters other: [String: String] = [:], cold: Bool, language: String = "ru", minimumN: Int = 30
    ) async throws -> (bytes: Int, viewModelMs: Double, templateMs: Double) {
        if cold { await analytics.clearCache() }
        let started = ContinuousClock.now
        let filters = try DashboardFilters(query: other.merging(["from": from, "to": to]) { $1 }, timeZone: analytics.timeZone)
        let text = pages.localizer.table(language)
        let page = try await DashboardBuilder(analytics: analytics, names: ReferenceNames(), minimumN: minimumN, text: text).build(filters)
        let built = ContinuousClock.now
        let html = pages.html("dashboard", page: page, title: page.heading, language: language, user: "benchmark", languageLinks: [])
        let bytes = html.utf8.count
        return (bytes, Self.milliseconds(built - started), Self.milliseconds(ContinuousClock.now - built))
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// Records arriving between two views (as committed writes are appended in a running server).
    public func append(_ facts: [FeedbackFact]) async throws {
        try await analytics.append(facts: facts)
    }
}
