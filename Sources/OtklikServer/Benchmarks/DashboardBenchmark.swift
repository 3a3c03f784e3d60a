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
        rollupSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        rollupBytes = table.rollupBytes
        analytics = Analytics(table: table)
        pages = try await PageRenderer(localizer: Localizer(defaultLanguage: "ru"))
    }

    /// Builds and renders the page for a period (`YYYY-MM-DD`, inclusive), returning the HTML's size in bytes.
    /// - Parameter cold: forget remembered results first, so every row is scanned (the first view after a start).
    public func render(from: String, to: String, cold: Bool, language: String = "ru", minimumN: Int = 30) async throws -> Int {
        if cold { await analytics.clearCache() }
        let filters = try DashboardFilters(query: ["from": from, "to": to], timeZone: analytics.timeZone)
        let text = pages.localizer.table(language)
        let page = await DashboardBuilder(analytics: analytics, names: ReferenceNames(), minimumN: minimumN, text: text).build(filters)
        let html = pages.html("dashboard", page: page, title: page["heading"] as? String ?? "", language: language, user: "benchmark", languageLinks: [])
        return html.utf8.count
    }

    /// Records arriving between two views (as committed writes are appended in a running server).
    public func append(_ facts: [FeedbackFact]) async {
        await analytics.append(facts: facts)
    }
}
