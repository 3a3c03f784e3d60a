import Foundation

/// The in-process columnar engine behind ``FeedbackAnalyticsBackend``: the ``FeedbackTable`` (dictionary-encoded
/// codes, 1-byte scores, day rollups for the dashboard) and the ``TallyCache`` of recent results.
public actor ColumnarFeedbackBackend: FeedbackAnalyticsBackend {
    private var table: FeedbackTable
    private var cache = TallyCache()

    /// An empty engine; `capacity` reserves room for the rows about to be loaded, `rollups` keeps the per-day
    /// rollups the dashboard's whole-day queries use (a server keeps them; one command-line query does not).
    public init(timeZone: TimeZone, capacity: Int = 0, rollups: Bool = true) {
        var table = FeedbackTable(timeZone: timeZone)
        if capacity > 0 { table.reserveCapacity(capacity) }
        if rollups { table.addDashboardRollups() }
        self.table = table
    }

    /// An engine over a table built elsewhere (the analytics benchmark loads one from a file).
    public init(table: FeedbackTable) {
        self.table = table
    }

    public func append(_ facts: [FeedbackFact]) {
        for fact in facts { table.append(fact) }
    }

    public func setRegion(_ region: String?, ofLocation location: String) {
        if table.region(ofLocation: location) != region { cache.removeAll() }
        table.setRegion(region, ofLocation: location)
    }

    public func tally(_ queries: [FeedbackQuery]) -> [GroupedTallies] {
        queries.map { cache.tally($0, in: table) }
    }

    public func count() -> Int { table.count }

    /// The table as it is now (a copy: later appends do not change it), for a snapshot.
    public var snapshotTable: FeedbackTable { table }

    /// Bytes held by the columns (``FeedbackTable/bytesPerRecord`` a record) and the day rollups.
    public var memoryBytes: Int { table.count * FeedbackTable.bytesPerRecord + table.rollupBytes }

    /// Forgets remembered results (the analytics benchmark times scans from cold with it).
    public func clearCache() {
        cache.removeAll()
    }
}
