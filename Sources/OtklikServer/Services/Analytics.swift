import Foundation
import Logging
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The in-process analytics engine of a running server: the feedback table, kept current as records commit.
public actor Analytics {
    private var table: FeedbackTable
    private var calls: CallFacts
    public let timeZone: TimeZone

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        table = FeedbackTable(timeZone: timeZone)
        calls = CallFacts(timeZone: timeZone)
    }

    /// Rebuilds the table from the store: reference data first, then every feedback in time order.
    public func load(from database: AppDatabase, logger: Logger) async throws {
        let started = ContinuousClock.now
        var fresh = FeedbackTable(timeZone: timeZone)
        fresh.reserveCapacity(try await database.feedback.count())
        for location in try await database.reference.locations() {
            fresh.setRegion(location.region, ofLocation: location.code)
        }
        try await database.feedback.forEachFactChunk(size: 20_000) { chunk in
            for fact in chunk { fresh.append(fact) }
        }
        var freshCalls = CallFacts(timeZone: timeZone)
        try await database.interactions.forEachChunk(size: 20_000) { freshCalls.append($0) }
        table = fresh
        calls = freshCalls
        logger.info(
            "analytics loaded",
            metadata: ["records": "\(fresh.count)", "interactions": "\(freshCalls.count)", "elapsed": "\(ContinuousClock.now - started)"])
    }

    public func append(_ interactions: [Interaction]) {
        calls.append(interactions)
    }

    public func report(_ query: CallMetricQueryParser.Parsed, minimumN: Int) -> MetricReport {
        calls.report(
            query.metric, by: query.dimensions, from: query.from, to: query.to, queues: query.queues, agents: query.agents,
            minimumN: query.minimumN ?? minimumN)
    }

    public func append(_ items: [Feedback]) {
        for item in items { table.append(FeedbackFact(item)) }
    }

    public func setRegion(_ region: String?, ofLocation location: String) {
        table.setRegion(region, ofLocation: location)
    }

    public func tally(_ query: FeedbackQuery) -> GroupedTallies {
        table.tally(query)
    }

    /// Several scans on one consistent state of the table.
    public func tally(_ queries: [FeedbackQuery]) -> [GroupedTallies] {
        queries.map { table.tally($0) }
    }

    public func report(_ metric: MetricID, _ query: FeedbackQuery, minimumN: Int) -> MetricReport {
        MetricReport(metric: metric, tallies: table.tally(query), minimumN: minimumN)
    }

    /// How many interactions the contact-centre KPIs are computed over.
    public var interactionCount: Int { calls.count }

    /// Contact-centre KPIs by a time bucket in [from, to): the process side of the dashboard.
    public func callReports(_ metrics: [CallMetric], by bucket: CallDimension, from: Date?, to: Date?, minimumN: Int) -> [MetricReport] {
        metrics.map { calls.report($0, by: [bucket], from: from, to: to, minimumN: minimumN) }
    }

    public var count: Int { table.count }
    public var memoryBytes: Int { table.count * FeedbackTable.bytesPerRecord }
}
