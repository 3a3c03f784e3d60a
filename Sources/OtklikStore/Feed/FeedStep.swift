import Foundation

/// The frame every durable consumer of the change feed shares. One step reads the consumer's position and the next
/// events, reads the rows those events wrote (outside any transaction: committed rows at those positions never
/// change), then, in one transaction, does the consumer's work and moves its position from the one it read
/// (``FeedConsumerPositions/advance(_:from:to:at:in:)``). At least once: a crash between the read and the commit leaves
/// nothing behind and the rows are read again; a step that lost a race to another process rolls back whole.
public enum FeedStep {
    /// The stretch of the feed one step covers: the events after `from` up to and including `through`.
    public struct Stretch: Sendable {
        public var from: Int64
        public var through: Int64
        public var events: [FeedEvent]
        /// Positions are consecutive unless events were pruned (or a transaction rolled back after taking a number).
        public var gap: Bool
        /// The kinds the consumer said it reads (``FeedStep/run(consumer:limit:records:database:following:reading:now:idle:read:work:)``),
        /// or nil. A step of such a consumer may pass over thousands of events of other kinds, so asking about an
        /// undeclared kind is a mistake in the consumer, caught in debug builds.
        public var reads: Set<FeedEventKind>? = nil

        /// Whether the stretch may hold rows of `kind`: an event of that kind, or a gap (across which the kinds of the
        /// missing events are unknown, so the table is read for the stretch).
        public func mayHold(_ kind: FeedEventKind) -> Bool {
            assert(reads?.contains(kind) ?? true, "a feed consumer reads \(kind.rawValue) rows without declaring the kind (FeedStep.run's `reading`)")
            return gap || events.contains { $0.kind == kind && $0.position <= through }
        }
    }

    /// Runs one step over at most `limit` events holding about `records` rows (``ChangeFeed/stepEvents(after:limit:records:)``:
    /// at least one event, however large). `read` reads what the work needs for the stretch; `work` does it in the
    /// transaction that moves the position and returns how many items it produced. With a `leader`, the step goes no
    /// further than the leader's position (a consumer that needs another's results, such as cases opened). `now` is the
    /// time the position's move is stamped with (a consumer that acts at an injected time passes it). `reading`: the kinds
    /// of event whose rows the consumer reads, if it reads only some (its `read` asks ``Stretch/mayHold(_:)`` of no
    /// other): a step over events of none of them then passes over up to ``ChangeFeed/passedEventsPerStep`` more
    /// (``ChangeFeed/stepEvents(after:limit:records:reading:)``), one transaction instead of one every `limit` events.
    /// `idle`: whether rows read for a stretch give the work nothing to do; such a stretch is not a step of its own — the
    /// step reads the next stretch and goes on, up to ``ChangeFeed/passedEventsPerStep`` events, so a consumer whose
    /// rows are rare (cases open for feedback with a contact, and a stream has none) moves its position once a round
    /// rather than once every `limit` events. The work is given the rows of the last stretch read; the position moves
    /// over them all.
    /// Returns that count and whether the consumer has reached the feed's head (or caught up with its leader).
    public static func run<Rows: Sendable>(
        consumer: String, limit: Int, records: Int = ChangeFeed.recordsPerStep, database: any SQLDatabase, following leader: String? = nil,
        reading kinds: Set<FeedEventKind>? = nil, now: Date = Date(), idle: ((Rows) -> Bool)? = nil,
        read: (Stretch) async throws -> Rows,
        work: @escaping @Sendable (Rows, any SQLExecutor) async throws -> Int
    ) async throws -> (handled: Int, caughtUp: Bool) {
        let positions = FeedConsumerPositions(database: database)
        let feed = ChangeFeed(database: database)
        let from = try await positions.position(of: consumer)
        var (events, reachesHead) = try await feed.stepEvents(after: from, limit: limit, records: records, reading: kinds)
        guard var last = events.last?.position else { return (0, true) }
        let bound = if let leader { try await positions.position(of: leader) } else { Int64.max }
        var through = min(last, bound)
        guard through > from else { return (0, true) }
        var rows = try await read(Stretch(after: from, through: through, events: events, reads: kinds))
        while let idle, idle(rows), through == last, !reachesHead, events.count < ChangeFeed.passedEventsPerStep {
            let next = try await feed.stepEvents(after: through, limit: limit, records: records, reading: kinds)
            guard let nextLast = next.events.last?.position else {
                reachesHead = true
                break
            }
            guard min(nextLast, bound) > through else { break }
            let stretch = Stretch(after: through, through: min(nextLast, bound), events: next.events, reads: kinds)
            rows = try await read(stretch)
            events += next.events
            (last, through, reachesHead) = (nextLast, stretch.through, next.reachesHead)
        }
        let at = Int64((now.timeIntervalSince1970 * 1000).rounded())
        let handled = try await database.transaction { [rows, through] tx in
            let handled = try await work(rows, tx)
            try await FeedConsumerPositions.advance(consumer, from: from, to: through, at: at, in: tx)
            return handled
        }
        // At the head, or held back by the leader (the next round goes on when it has moved).
        return (handled, through < last || reachesHead)
    }
}

extension FeedStep.Stretch {
    /// The stretch of `events` read after `from`: a gap when the first event does not follow `from`.
    init(after from: Int64, through: Int64, events: [FeedEvent], reads: Set<FeedEventKind>? = nil) {
        self.init(from: from, through: through, events: events, gap: events.first?.position != from + 1, reads: reads)
    }
}
