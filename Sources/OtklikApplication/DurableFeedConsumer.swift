import Foundation
import Logging
import Metrics
import OtklikStore

/// A durable change-feed consumer whose work is one store step at a time (open the cases a stretch of feedback calls
/// for, queue its `feedback.received` webhooks): its position lives in the store and moves in the transaction of the
/// work, so after a crash or a restart it goes on where the last committed step ended, exactly once. An ordered
/// consumer runs under a lease: one server at a time follows the feed for it, in feed order.
///
/// A failed step is retried by the background loop with back-off (1 s, 2 s, 4 s … up to a minute); the failure shows
/// on `/health` (``status()``) and in `otklik_feed_consumer_errors_total{consumer}`.
public actor DurableFeedConsumer {
    public nonisolated let name: String
    /// One step: does the work of the next stretch of the feed and moves the position; true when it reached the head.
    private let step: @Sendable () async throws -> Bool
    private let positions: FeedConsumerPositions
    private let feed: ChangeFeed
    /// Taken before following the feed when the consumer's result depends on order.
    private let lease: ServiceLease?
    /// Test only (`OTKLIK_TEST_CONSUMER_PAUSE_MS`): a pause before each catch-up, so a test can kill the process between
    /// a commit and its derived work.
    private nonisolated let pause: Duration?
    private let logger: Logger
    private let gate = CatchUpGate()
    /// At most one nudge on its way (``PendingNudge``).
    private nonisolated let pendingNudge = PendingNudge()
    private var lastError: String?
    private var failures = 0
    private var retryAt: ContinuousClock.Instant?
    /// When the lease was last taken or renewed: renewed when a third of its time has passed, not at every catch-up.
    private var leaseTaken: ContinuousClock.Instant?
    private let errors: Counter
    private let lag: Gauge
    /// The first back-off after a failure; it doubles with each failure in a row, up to 60 of them.
    private let backoffUnit: Duration
    /// Consumers of what this one writes (the webhooks and notifications of the case lines case opening writes): a
    /// catch-up waits for them too (their failures are theirs: recorded and retried by their own loops), a nudge or a
    /// background round starts them.
    private nonisolated let followers: [DurableFeedConsumer]

    public init(
        name: String, database: AppDatabase, lease: ServiceLease? = nil, pause: Duration? = nil, logger: Logger,
        backoffUnit: Duration = .seconds(1), followers: [DurableFeedConsumer] = [], step: @escaping @Sendable () async throws -> Bool
    ) {
        self.name = name
        self.followers = followers
        self.backoffUnit = backoffUnit
        self.step = step
        positions = database.feedConsumers
        feed = database.feed
        self.lease = lease
        self.pause = pause
        self.logger = logger
        errors = Counter(label: "otklik_feed_consumer_errors_total", dimensions: [("consumer", name)])
        lag = Gauge(label: "otklik_feed_consumer_lag_seconds", dimensions: [("consumer", name)])
        lag.record(0)
    }

    /// Follows every event written before this call (unless another server holds the consumer's lease: then that
    /// server does), then lets the followers follow what it wrote; rethrows a failed step.
    public func catchUp() async throws {
        try await gate.pass { try await self.drain() }
        await withTaskGroup(of: Void.self) { group in
            for follower in followers { group.addTask { try? await follower.catchUp() } }
        }
    }

    /// After this server's own commit: the commit is durable whatever happens here. Waits for the consumer at most
    /// `limit` (the write answers anyway; the background loop finishes the work); a failure is recorded and retried.
    public nonisolated func catchUpAfterWrite(within limit: Duration) async {
        // Held for a test: the work is left to the background loop, after the pause.
        guard pause == nil else { return }
        await WaitAtMost.run(limit) { try? await self.catchUp() }
    }

    /// After this server's own commit, when the write answers at once: starts the work of every event written before
    /// this call without waiting for it (it is done within milliseconds unless the consumer is backing off after a
    /// failure, when the background loop's next round does it).
    public nonisolated func nudge() {
        guard pause == nil else { return }
        pendingNudge.send { await self.nudgeUnlessBackingOff() }
    }

    private func nudgeUnlessBackingOff() async {
        if let retryAt, ContinuousClock.now < retryAt { return }
        await gate.nudge {
            try await self.drain()
            self.nudgeFollowers()
        }
    }

    private nonisolated func nudgeFollowers() {
        for follower in followers { follower.nudge() }
    }

    /// A round of the background loop: skipped while backing off after a failure.
    public func round() async throws {
        if let retryAt, ContinuousClock.now < retryAt { return }
        try await gate.pass { try await self.drain() }
        nudgeFollowers()
    }

    private func drain() async throws {
        try await WriteProfile.$label.withValue(name) { try await drainLabelled() }
    }

    private func drainLabelled() async throws {
        if let lease {
            let fresh = leaseTaken.map { ContinuousClock.now < $0 + .seconds(lease.seconds / 3) } ?? false
            if !fresh {
                guard await lease.acquire() else {
                    leaseTaken = nil
                    return
                }
                leaseTaken = .now
            }
        }
        if let pause { try await Task.sleep(for: pause) }
        do {
            try await StepLoop.follow(consumer: name, step)
            if lastError != nil { try await positions.recordError(nil, of: name) }
            lastError = nil
            failures = 0
            retryAt = nil
        } catch {
            errors.increment()
            failures += 1
            retryAt = ContinuousClock.now + backoffUnit * min(60, 1 << min(failures - 1, 6))
            lastError = "\(error)"
            logger.error("a feed consumer failed; it retries with back-off", metadata: ["consumer": "\(name)", "error": "\(error)"])
            try? await positions.recordError(lastError, of: name)
            throw error
        }
    }

    public func status() async throws -> FeedConsumerStatus {
        let position = try await positions.position(of: name)
        return try await FeedConsumerStatus.measure(name, at: position, in: feed, lastError: lastError, recording: lag)
    }
}
