import Foundation
import Logging
import Metrics
import OtklikStore

/// The durable change-feed consumer that analyses stored comments and transcripts (language, sentiment, themes,
/// compliance with the conversation standard). Its position lives in the store, so after a crash or a restart it
/// goes on where the last committed step ended, and servers sharing a database never analyse a stretch twice
/// (``FeedConsumerPositions``). The analysis runs outside any transaction: no NLP under SQLite's writer lock.
public actor TextAnalysisConsumer {
    public static let name = "text-analysis"
    private let texts: any TextAnalysisRepository
    private let positions: FeedConsumerPositions
    private let feed: ChangeFeed
    private let logger: Logger
    private let gate = CatchUpGate()
    /// At most one nudge on its way (``PendingNudge``).
    private nonisolated let pendingNudge = PendingNudge()
    private var lastError: String?
    private let errors = Counter(label: "otklik_feed_consumer_errors_total", dimensions: [("consumer", name)])
    private let lag = Gauge(label: "otklik_feed_consumer_lag_seconds", dimensions: [("consumer", name)])

    public init(database: AppDatabase, logger: Logger) {
        texts = database.texts
        positions = database.feedConsumers
        feed = database.feed
        self.logger = logger
        lag.record(0)
    }

    /// Analyses every text written before this call.
    public func catchUp() async throws {
        try await gate.pass { try await self.drain() }
    }

    /// After this server's own commit: starts the analysis of every text written before this call without waiting
    /// for it (a stored comment's `analysis` is null until it is done, within milliseconds under normal load); a
    /// failure is recorded and the background loop retries.
    public nonisolated func nudge() {
        pendingNudge.send { await self.gate.nudge { try await self.drain() } }
    }

    /// After this server's own commit, when the writer waits: at most `limit`; the analysis goes on after the wait.
    public nonisolated func catchUpAfterWrite(within limit: Duration) async {
        await WaitAtMost.run(limit) { try? await self.catchUp() }
    }

    private func drain() async throws {
        try await WriteProfile.$label.withValue(Self.name) { try await drainLabelled() }
    }

    private func drainLabelled() async throws {
        do {
            try await StepLoop.follow(consumer: Self.name) { try await texts.analyseFromFeed(consumer: Self.name, limit: 500).caughtUp }
            if lastError != nil { try await positions.recordError(nil, of: Self.name) }
            lastError = nil
        } catch {
            errors.increment()
            lastError = "\(error)"
            logger.error("text analysis could not follow the change feed", metadata: ["error": "\(error)"])
            try? await positions.recordError(lastError, of: Self.name)
            throw error
        }
    }

    public func status() async throws -> FeedConsumerStatus {
        let position = try await positions.position(of: Self.name)
        return try await FeedConsumerStatus.measure(Self.name, at: position, in: feed, lastError: lastError, recording: lag)
    }
}
