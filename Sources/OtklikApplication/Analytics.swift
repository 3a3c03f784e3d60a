import Foundation
import Logging
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The analytics of a running server, kept current from the change feed: feedback metrics from a
/// ``FeedbackAnalyticsBackend`` (the in-process columnar engine unless configured otherwise), the contact-centre,
/// public-service and agent-state facts in memory.
public actor Analytics {
    /// Makes an empty feedback backend: the time zone, the number of rows about to be loaded, whether to keep the
    /// dashboard's day rollups.
    public typealias BackendFactory = @Sendable (_ timeZone: TimeZone, _ capacity: Int, _ rollups: Bool) -> any FeedbackAnalyticsBackend
    /// The in-process columnar engine (``ColumnarFeedbackBackend``).
    public static let columnar: BackendFactory = { ColumnarFeedbackBackend(timeZone: $0, capacity: $1, rollups: $2) }

    private var feedback: any FeedbackAnalyticsBackend
    private let makeBackend: BackendFactory
    /// The feedback facts live outside this process (ClickHouse) and are copied there by a durable consumer of the
    /// change feed: this engine neither loads nor appends them, it queries them and tells the backend each location's
    /// region.
    public nonisolated let feedbackIsExternal: Bool
    private var calls: CallFacts
    private var requests: PublicServiceFacts
    private var agentStates: AgentStateFacts
    public nonisolated let timeZone: TimeZone
    /// The change-feed position the engine holds every fact up to (set by ``load(from:logger:parts:snapshot:)`` and
    /// each ``apply(_:)``).
    public private(set) var position: Int64 = 0
    /// Where the last load started: the snapshot's position and the facts read after it; nil when it read the store.
    public private(set) var loadedFromSnapshot: (position: Int64, facts: Int)?
    /// Stretches of the feed being applied now, and a count of every change (``snapshotState()``).
    private var applying = 0
    private var generation = 0

    public init(timeZone: TimeZone, backend: @escaping BackendFactory = Analytics.columnar) {
        self.timeZone = timeZone
        makeBackend = backend
        feedback = backend(timeZone, 0, true)
        feedbackIsExternal = false
        calls = CallFacts(timeZone: timeZone)
        requests = PublicServiceFacts(timeZone: timeZone)
        agentStates = AgentStateFacts(timeZone: timeZone)
    }

    /// An engine whose feedback metrics are answered by `backend`, filled by someone else (the ClickHouse backend, fed
    /// by the durable consumer `clickhouse`); the contact-centre, public-service and agent-state facts stay in memory.
    public init(timeZone: TimeZone, external backend: any FeedbackAnalyticsBackend) {
        self.timeZone = timeZone
        feedback = backend
        makeBackend = { _, _, _ in backend }
        feedbackIsExternal = true
        calls = CallFacts(timeZone: timeZone)
        requests = PublicServiceFacts(timeZone: timeZone)
        agentStates = AgentStateFacts(timeZone: timeZone)
    }

    /// An engine over a table built elsewhere (the analytics benchmark loads one from a file); the
    /// dashboard's day rollups are added when the table has none.
    public init(table: FeedbackTable) {
        let timeZone = table.timeZone
        self.timeZone = timeZone
        var table = table
        if !table.hasRollups { table.addDashboardRollups() }
        feedback = ColumnarFeedbackBackend(table: table)
        makeBackend = Analytics.columnar
        feedbackIsExternal = false
        calls = CallFacts(timeZone: timeZone)
        requests = PublicServiceFacts(timeZone: timeZone)
        agentStates = AgentStateFacts(timeZone: timeZone)
    }

    /// Rebuilds the engine from the store: reference data first, then every fact written up to the change feed's
    /// head, in time order — or, given a `snapshot` that still describes the store, its tables and then the facts
    /// written after its position, in feed order. Returns the position the engine holds everything up to: the position
    /// to follow the feed from (``FeedFollower``).
    /// - Parameter parts: what to load; a command that answers one metric loads only its facts (`otklik metrics nps`
    ///   needs neither the contacts nor the agent states, nor the dashboard's rollups).
    @discardableResult
    public func load(from database: AppDatabase, logger: Logger, parts: Parts = .all, snapshot file: AnalyticsSnapshotFile? = nil) async throws -> Int64 {
        let started = ContinuousClock.now
        var head = try await database.feed.head()
        let loadsFeedback = parts.contains(.feedback) && !feedbackIsExternal
        let rollups = parts.contains(.dashboardRollups)
        var saved: EngineSnapshot?
        if let file, parts.contains([.feedback, .interactions]) {
            saved = await file.readIfCurrent(database: database, timeZone: timeZone, head: head, logger: logger)
        }
        var fresh: any FeedbackAnalyticsBackend
        var freshCalls: CallFacts
        if let snapshot = saved, let calls = snapshot.calls, var table = snapshot.feedback ?? (loadsFeedback ? nil : FeedbackTable()),
           !loadsFeedback || makeBackend(timeZone, 0, false) is ColumnarFeedbackBackend {
            if loadsFeedback {
                if rollups { table.addDashboardRollups() }
                fresh = ColumnarFeedbackBackend(table: table)
            } else {
                fresh = feedbackIsExternal ? feedback : makeBackend(timeZone, 0, rollups)
            }
            freshCalls = CallFacts(timeZone: timeZone, table: calls)
        } else {
            saved = nil
            fresh = feedbackIsExternal
                ? feedback
                : makeBackend(timeZone, loadsFeedback ? try await database.feedback.count() : 0, rollups)
            freshCalls = CallFacts(timeZone: timeZone)
        }
        for location in try await database.reference.locations() {
            try await fresh.setRegion(location.region, ofLocation: location.code)
            freshCalls.setRegion(location.region, ofLocation: location.code)
        }
        // The service requests and agent states from the snapshot too when it holds them.
        let savedRequests = parts.contains(.requests) ? saved?.requests : nil
        var freshRequests = savedRequests.map { PublicServiceFacts(timeZone: timeZone, table: $0) } ?? PublicServiceFacts(timeZone: timeZone)
        let savedStates = parts.contains(.agentStates) ? saved?.agentStates : nil
        var freshStates = savedStates.map { AgentStateFacts(timeZone: timeZone, table: $0) } ?? AgentStateFacts(timeZone: timeZone)
        var sinceSnapshot = 0
        if let snapshot = saved {
            // The facts written after the snapshot, as the change feed has them (the follower's way).
            var position = snapshot.stamp.position
            while true {
                let batch = try await database.feed.batch(after: position, limit: 1_000)
                guard batch.through > position else { break }
                if loadsFeedback { try await fresh.append(batch.feedback) }
                freshCalls.append(batch.interactions)
                sinceSnapshot += batch.feedback.count + batch.interactions.count
                if savedRequests != nil {
                    freshRequests.append(batch.serviceRequests)
                    sinceSnapshot += batch.serviceRequests.count
                }
                if savedStates != nil {
                    freshStates.append(batch.agentStates)
                    sinceSnapshot += batch.agentStates.count
                }
                position = batch.through
            }
            head = position
        } else {
            if loadsFeedback {
                try await database.feedback.forEachFactChunk(size: 20_000, upTo: head) { try await fresh.append($0) }
            }
            if parts.contains(.interactions) {
                freshCalls.reserveCapacity(try await database.interactions.count())
                try await database.interactions.forEachChunk(size: 20_000, upTo: head) { freshCalls.append($0) }
            }
        }
        if parts.contains(.requests) {
            freshRequests.calendar = WorkingCalendar(try await database.process.calendarDays())
            freshRequests.serviceCatalogue = Self.catalogue(try await database.reference.services())
            if savedRequests == nil {
                try await database.process.forEachRequestChunk(size: 20_000, upTo: head) { freshRequests.append($0) }
            }
        }
        if parts.contains(.agentStates) && savedStates == nil {
            try await database.process.forEachAgentStateChunk(size: 20_000, upTo: head) { freshStates.append($0) }
        }
        let records = try await fresh.count()
        feedback = fresh
        calls = freshCalls
        requests = freshRequests
        agentStates = freshStates
        position = head
        generation += 1
        loadedFromSnapshot = saved.map { ($0.stamp.position, sinceSnapshot) }
        logger.info(
            "analytics loaded",
            metadata: [
                "records": "\(records)", "interactions": "\(freshCalls.count)", "requests": "\(freshRequests.count)",
                "agent_states": "\(freshStates.count)", "feed_position": "\(head)", "elapsed": "\(ContinuousClock.now - started)",
                "from": saved.map { "snapshot at \($0.stamp.position) and \(sinceSnapshot) facts after it" } ?? "database",
            ])
        return head
    }

    /// The engine's tables and the feed position they hold everything up to, taken when no stretch of the feed is half
    /// applied (``apply(_:)`` suspends while the feedback backend appends): what a snapshot saves.
    public func snapshotState() async -> (position: Int64, feedback: FeedbackTable?, calls: CallTable, requests: RequestTable, agentStates: AgentStateTable) {
        while true {
            let before = generation
            if applying == 0 {
                let table = await (feedback as? ColumnarFeedbackBackend)?.snapshotTable
                if applying == 0, generation == before {
                    return (position, feedbackIsExternal ? nil : table, calls.table, requests.table, agentStates.table)
                }
            }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// Appends what a stretch of the change feed wrote (``FeedFollower`` is the only caller in a server); feedback facts
    /// only when they are held here (``feedbackIsExternal``).
    public func apply(_ batch: FeedBatch) async throws {
        applying += 1
        generation += 1
        defer { applying -= 1 }
        if let reference = batch.reference {
            for location in reference.locations { try await setRegion(location.region, ofLocation: location.code) }
            setServices(reference.services)
            setCalendar(reference.calendar)
        }
        if !feedbackIsExternal { try await feedback.append(batch.feedback) }
        calls.append(batch.interactions)
        requests.append(batch.serviceRequests)
        agentStates.append(batch.agentStates)
        position = batch.through
    }

    public func report(_ query: CallMetricQueryParser.Parsed, minimumN: Int) -> MetricReport {
        calls.report(query.metric, query.query, minimumN: minimumN)
    }

    /// A public-service KPI or an agent-state metric.
    public func report(_ query: PublicServiceQueryParser.Parsed, now: Date = Date(), minimumN: Int) throws(OtklikError) -> MetricReport {
        switch query {
        case .publicService(let kpi, let slicing): try requests.report(kpi, slicing, calls: calls, now: now, minimumN: minimumN)
        case .agent(let metric, let slicing): try agentStates.report(metric, slicing, minimumN: minimumN)
        }
    }

    // Engines built outside the store (benchmarks, tests) are filled by hand; a server's engine only by the feed.

    public func append(_ items: [Feedback]) async throws {
        try await feedback.append(items.map(FeedbackFact.init))
    }

    public func append(_ interactions: [Interaction]) {
        calls.append(interactions)
    }

    public func append(_ items: [ServiceRequest]) {
        requests.append(items)
    }

    public func append(_ items: [AgentStateInterval]) {
        agentStates.append(items)
    }

    /// The service catalogue `services_online_share` counts, replaced whole (after a service is saved or deleted).
    public func setServices(_ services: [Service]) {
        requests.serviceCatalogue = Self.catalogue(services)
    }

    static func catalogue(_ services: [Service]) -> [String: Bool?] {
        Dictionary(services.map { ($0.code, $0.availableOnline) }, uniquingKeysWith: { _, last in last })
    }

    public func setCalendar(_ days: [CalendarDay]) {
        requests.calendar = WorkingCalendar(days)
    }

    /// Appends facts built outside the store (the analytics benchmark); a server's engine is fed by the change feed.
    public func append(facts: [FeedbackFact]) async throws {
        try await feedback.append(facts)
    }

    /// Forgets remembered results (the analytics benchmark times scans from cold with it).
    public func clearCache() async {
        await (feedback as? ColumnarFeedbackBackend)?.clearCache()
    }

    public func setRegion(_ region: String?, ofLocation location: String) async throws {
        try await feedback.setRegion(region, ofLocation: location)
        calls.setRegion(region, ofLocation: location)
    }

    public func tally(_ query: FeedbackQuery) async throws -> GroupedTallies {
        try await feedback.tally(query)
    }

    /// Several scans on one consistent state of the facts.
    public func tally(_ queries: [FeedbackQuery]) async throws -> [GroupedTallies] {
        try await feedback.tally(queries)
    }

    public func report(_ metric: MetricID, _ query: FeedbackQuery, minimumN: Int) async throws -> MetricReport {
        var query = query
        query.measures = TallyMeasures(metric)
        let surveyOnly = query.kinds == [.surveyResponse]
        return MetricReport(
            metric: metric, tallies: try await feedback.tally(query), minimumN: minimumN,
            sample: surveyOnly ? "survey responses" : MetricReport.spontaneousSample)
    }

    /// How many interactions the contact-centre KPIs are computed over.
    public var interactionCount: Int { calls.count }

    /// How many service requests the public-service KPIs are computed over.
    public var requestCount: Int { requests.count }

    /// Contact-centre KPIs by a time bucket in [from, to) over the contacts `filter` admits: the process side of the dashboard.
    public func callReports(
        _ metrics: [CallMetric], by bucket: CallDimension, from: Date?, to: Date?, filter: CallFilter = CallFilter(), minimumN: Int
    ) -> [MetricReport] {
        metrics.map { calls.report($0, by: [bucket], from: from, to: to, filter: filter, minimumN: minimumN) }
    }

    /// How many feedback records the backend holds.
    public func count() async throws -> Int { try await feedback.count() }
}

extension Analytics {
    /// The fact tables ``Analytics/load(from:logger:parts:)`` reads.
    public struct Parts: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        public static let feedback = Parts(rawValue: 1)
        public static let interactions = Parts(rawValue: 2)
        public static let requests = Parts(rawValue: 4)
        public static let agentStates = Parts(rawValue: 8)
        /// The per-day rollups the dashboard's whole-day queries use (a server keeps them; one CLI query does not need them).
        public static let dashboardRollups = Parts(rawValue: 16)
        public static let all: Parts = [.feedback, .interactions, .requests, .agentStates, .dashboardRollups]
    }
}
