/// The seam between a server and whatever answers its feedback metric queries: facts in, tallies out.
///
/// The in-process columnar engine (``ColumnarFeedbackBackend``) is the one a server uses today; a backend beyond one
/// machine (ClickHouse, a later issue) plugs in here. ``ReferenceFeedbackBackend`` is the plain computation every
/// backend is checked against: the contract suite (`FeedbackBackendContractTests`) runs unchanged on each, with
/// hand-computed cases and random tables and queries.
///
/// Rows are only ever appended; a location's region may change and then relabels every row of that location.
public protocol FeedbackAnalyticsBackend: Sendable {
    /// Appends facts in the order given (a change-feed stretch, an import chunk).
    func append(_ facts: [FeedbackFact]) async throws
    /// Sets or clears the region a location belongs to; filters and groupings by region follow at once.
    func setRegion(_ region: String?, ofLocation location: String) async throws
    /// Tallies each query over one consistent state of the facts, in the order asked.
    func tally(_ queries: [FeedbackQuery]) async throws -> [GroupedTallies]
    /// How many facts are held.
    func count() async throws -> Int
}

extension FeedbackAnalyticsBackend {
    public func tally(_ query: FeedbackQuery) async throws -> GroupedTallies {
        try await tally([query])[0]
    }
}
