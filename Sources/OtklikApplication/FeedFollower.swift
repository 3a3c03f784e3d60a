import Foundation
import Logging
import Metrics
import OtklikCore
import OtklikStore

/// This server's analytics engine following the store's change feed from its own position: whatever any process
/// wrote — this server, another server on the same PostgreSQL, an `otklik import` — reaches the engine only
/// through the feed, in feed order, exactly once.
///
/// Writers call ``catchUp()`` after their commit so a client reads its own write at once; a background loop
/// (``FeedFollowerService``) catches up with everyone else's. Concurrent callers share one catch-up: a call
/// returns once a catch-up that started after the call has finished.
public actor FeedFollower {
    private let feed: ChangeFeed
    private let analytics: Analytics
    private let logger: Logger
    /// The last feed position applied to the engine.
    public private(set) var position: Int64
    /// The error of the last failed catch-up (nil once one succeeds).
    public private(set) var lastError: String?
    private let gate = CatchUpGate()
    /// How many of this process's group commits were applied as written (``LocalCommits``), without reading them back.
    public private(set) var appliedAsWritten = 0
    /// How many of this process's feed events without facts for the engine were passed over without reading them
    /// (``LocalCommits``).
    public private(set) var passedAsLocal = 0
    private let errors = Counter(label: "otklik_feed_consumer_errors_total", dimensions: [("consumer", "analytics")])
    private let lag = Gauge(label: "otklik_feed_consumer_lag_seconds", dimensions: [("consumer", "analytics")])

    public init(feed: ChangeFeed, analytics: Analytics, position: Int64, logger: Logger) {
        self.feed = feed
        self.analytics = analytics
        self.position = position
        self.logger = logger
        lag.record(0)
        feed.localCommits.startKeeping()
    }

    /// Applies every event committed before this call.
    public func catchUp() async throws {
        try await gate.pass { try await self.drain() }
    }

    /// A round of the background loop: applies every event up to the feed's head as it stands when the round begins.
    /// The head is read before the round joins the catch-up runs, so writers waiting for the engine to reach their
    /// commits are not held up by it; the round then reads the feed only for events this process did not commit
    /// (``LocalCommits``) — another process's, or one of its own committed before the engine followed. Under a stream
    /// of single POSTs the loop's reads at the head (about 1 ms, every quarter of a second) held up every writer that
    /// arrived meanwhile.
    public func round() async throws {
        let head = try await feed.head()
        guard head > position else {
            lag.record(0)
            return
        }
        try await reach(head)
        if position >= head { lag.record(0) }
    }

    /// Runs (or joins) catch-up runs until the engine stands at or past `target`; a run that moves nothing (shutting
    /// down, or a feed that does not show the target yet) is tried at most three times: the background loop applies
    /// what is left.
    private func reach(_ target: Int64) async throws {
        var stalled = 0
        while position < target, stalled < 3 {
            let before = position
            try await gate.passOnce { try await self.drain(through: target) }
            stalled = position == before ? stalled + 1 : 0
        }
    }

    /// Applies events until the feed has none left — or, given `target`, until the engine stands at or past it, without
    /// asking the feed for anything after it; one run at a time (``gate``).
    private func drain(through target: Int64? = nil) async throws {
        do {
            while !StepLoop.shouldStop {
                if let target, position >= target { break }
                // Committed by this process (``LocalCommits``): a group commit's event is applied as written — exactly
                // what the feed would return for that position (the group's rows carry its position and no others do) —
                // and a consumer's event with nothing for the engine is passed over; neither is read back.
                switch feed.localCommits.take(position + 1) {
                case .factless?:
                    position += 1
                    passedAsLocal += 1
                    continue
                case .facts(let batch, _)?:
                    let own = batch()
                    try await WriteProfile.stage("engine: an own commit applied as written") { try await analytics.apply(own) }
                    position = own.through
                    appliedAsWritten += 1
                    continue
                case nil:
                    break
                }
                let batch = try await WriteProfile.stage("engine: the feed read (other writers' events)") {
                    try await feed.batch(after: position, limit: 1_000)
                }
                guard batch.through > position else { break }
                try await WriteProfile.stage("engine: a read batch applied") { try await analytics.apply(batch) }
                position = batch.through
            }
            feed.localCommits.forget(through: position)
            lastError = nil
            // At the feed's head only when the run went on until nothing was left.
            if target == nil { lag.record(0) }
        } catch {
            errors.increment()
            lastError = "\(error)"
            logger.error("analytics could not follow the change feed", metadata: ["error": "\(error)", "position": "\(position)"])
            throw error
        }
    }

    /// How far behind the store's head this engine is.
    public func status() async throws -> FeedConsumerStatus {
        try await FeedConsumerStatus.measure("analytics", at: position, in: feed, lastError: lastError, recording: lag)
    }
}

extension FeedFollower {
    /// After this server's own commit: catch up so the writer reads its write. The commit is durable whatever
    /// happens here; a failure is logged (``lastError``, `/health`) and the background loop retries.
    public func catchUpAfterWrite() async {
        try? await catchUp()
    }

    /// After this server's own commit of feedback: applies every event up to and including the commit's, so the writer
    /// reads its write — and no further: events committed after it are the next run's (one that ends at the feed's head
    /// asks the store for what follows, a read each writer would otherwise wait for). This process's commits are applied
    /// as written (``LocalCommits``); another process's event in between is read from the feed as any other. Returns at
    /// once when a run has already applied the commit.
    public func catchUpAfterWrite(_ commit: CommittedGroup<Feedback>) async {
        guard commit.position > position else { return }
        do {
            try await reach(commit.position)
        } catch {
            // Logged and counted by the run (``lastError``, `/health`); the background loop retries.
        }
    }
}
