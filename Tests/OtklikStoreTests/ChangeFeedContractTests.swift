import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// The change feed on every engine: one event per write, rows stamped with its position, nothing for a retry, a
/// snapshot bounded by a position, and — under concurrent writers — a reader that never skips a position that
/// becomes visible later (PostgreSQL's sequences commit out of order; the feed serialises its appends).
@Suite struct ChangeFeedContractTests {
    typealias Fixture = FeedbackRepositoryContractTests

    /// Only committed events are this process's (``LocalCommits``), not a rolled-back one: a case event without facts
    /// for the analytics engine, and a feedback group with the facts a reader of the feed gets; not an event with facts
    /// whose rows were not handed over.
    @Test(arguments: TestEngine.available)
    func onlyCommittedFactlessEventsArePublishedToThisProcess(engine: TestEngine) async throws {
        struct Refused: Error {}
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let sql = database.sql
            let unfollowed = try await sql.transaction { tx in try await ChangeFeed.append(.caseEvents, records: 1, at: 0, in: tx) }
            #expect(database.feed.localCommits.take(unfollowed) == nil, "nothing is kept before an engine follows the feed")
            database.feed.localCommits.startKeeping()
            let committed = try await sql.transaction { tx in try await ChangeFeed.append(.caseEvents, records: 1, at: 0, in: tx) }
            let rolledBack = LockedPosition()
            await #expect(throws: Refused.self) {
                try await sql.transaction { tx in
                    rolledBack.value = try await ChangeFeed.append(.surveyOffers, records: 1, at: 0, in: tx)
                    throw Refused()
                }
            }
            let withFacts = try await sql.transaction { tx in try await ChangeFeed.append(.interactions, records: 0, at: 0, in: tx) }
            let (_, group) = try await database.feedback.insertCommitted(
                [Fixture.item("local-1")], untimed: [], createMissingReferences: false)
            let feedback = try #require(group)
            let local = database.feed.localCommits
            #expect(local.take(try #require(rolledBack.value)) == nil)
            #expect(local.take(withFacts) == nil, "an event with facts is read back unless its rows were handed over")
            guard case .factless? = local.take(committed) else { Issue.record("the committed case event is this process's"); return }
            #expect(local.take(committed) == nil, "taken once")
            guard case .facts(let batch, let records)? = local.take(feedback.position) else { Issue.record("the feedback group's facts"); return }
            #expect(records == 1)
            #expect(batch().feedback == (try await database.feed.batch(after: feedback.position - 1)).feedback, "what a reader of the feed gets")
        }
    }

    /// This process's calls and agent-state intervals are handed to its engine as a reader of the feed gets them: the
    /// calls with the customer the write linked them to, both in the feed's order.
    @Test(arguments: TestEngine.available)
    func callsAndAgentStatesAreHandedOverAsAFeedReaderGetsThem(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            database.feed.localCommits.startKeeping()
            let calls = [
                Interaction(
                    id: "call-b", channel: .callCenter, queue: "Q", location: "L01", customer: " C-77 ", arrivedAt: Fixture.t0,
                    outcome: .answered, waitSeconds: 12.3456, talkSeconds: 60),
                Interaction(id: "call-a", channel: .chat, arrivedAt: Fixture.t0.addingTimeInterval(0.0004), outcome: .abandoned, waitSeconds: 3),
            ]
            _ = try await database.interactions.insert(calls, createMissingReferences: false)
            let callsAt = try await database.feed.head()
            let states = [
                AgentStateInterval(agent: "A1", state: .handling, start: Fixture.t0, end: Fixture.t0.addingTimeInterval(300)),
                AgentStateInterval(agent: "A1", state: .available, start: Fixture.t0.addingTimeInterval(300), end: Fixture.t0.addingTimeInterval(400)),
            ]
            _ = try await database.process.insert(states, createMissingReferences: true)
            let statesAt = try await database.feed.head()
            let local = database.feed.localCommits
            guard case .facts(let handedCalls, 2)? = local.take(callsAt) else { Issue.record("the calls' group"); return }
            let readCalls = try await database.feed.batch(after: callsAt - 1).interactions
            #expect(handedCalls().interactions == readCalls)
            #expect(readCalls.first { $0.id == "call-b" }?.customer != nil, "the linked customer is compared")
            guard case .facts(let handedStates, 2)? = local.take(statesAt) else { Issue.record("the states' group"); return }
            #expect(handedStates().agentStates == (try await database.feed.batch(after: statesAt - 1)).agentStates)
        }
    }

    final class LockedPosition: @unchecked Sendable {
        var value: Int64?
    }

    @Test(arguments: TestEngine.available)
    func eachWriteAppendsOneEventWithItsRows(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            // The reference data's own events (regions, locations, staff, services) come first.
            let seeded = try await database.feed.head()
            let reference = try await database.feed.events(after: 0, limit: 100)
            #expect(!reference.isEmpty && reference.allSatisfy { $0.kind == .reference } && reference.last?.position == seeded)
            #expect(try await database.feed.batch(after: 0).reference?.locations.isEmpty == false, "a stretch with reference events carries the reference data")
            _ = try await database.feedback.insert([Fixture.item("a"), Fixture.item("b", nps: 3)], createMissingReferences: false)
            let first = try await database.feed.head()
            #expect(first > 0)
            _ = try await database.feedback.insert([Fixture.item("a")], createMissingReferences: false)
            #expect(try await database.feed.head() == first, "a retry of stored records appends nothing")
            let call = Interaction(
                id: "call-1", channel: .callCenter, queue: "Q", arrivedAt: Fixture.t0, outcome: .answered, waitSeconds: 12, talkSeconds: 60)
            _ = try await database.interactions.insert([call], createMissingReferences: false)
            _ = try await database.feedback.insert([Fixture.item("c", minutes: -5, nps: 10)], createMissingReferences: false)
            let events = try await database.feed.events(after: seeded, limit: 10)
            #expect(events.map(\.kind) == [.feedback, .interactions, .feedback])
            #expect(events.map(\.records) == [2, 1, 1])
            #expect(events.map(\.position) == events.map(\.position).sorted())

            let all = try await database.feed.batch(after: seeded)
            #expect(all.reference == nil, "a stretch of facts only reads no reference data")
            #expect(all.through == events.last?.position)
            #expect(all.feedback.map(\.nps) == [9, 3, 10], "feed order, not time order")
            #expect(all.interactions.map(\.id) == ["call-1"])
            let later = try await database.feed.batch(after: first)
            #expect(later.feedback.count == 1 && later.interactions.count == 1)
            #expect(try await database.feed.batch(after: all.through).isEmpty)

            var snapshot: [FeedbackFact] = []
            try await database.feedback.forEachFactChunk(size: 2, upTo: first) { snapshot += $0 }
            #expect(snapshot.count == 2, "a snapshot at a position leaves out later writes")
        }
    }

    /// A streamed import writes one event per chunk of 20,000 rows; a reader's step of 500 events would then read ten
    /// million rows at once. A step stops before the event that brings its rows past the bound, and takes at least one.
    @Test(arguments: TestEngine.available)
    func aStepReadsAboutItsBoundOfRowsAndAtLeastOneEvent(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let seeded = try await database.feed.head()
            for (prefix, count) in [("a", 3), ("b", 2), ("c", 4)] {
                let items = (0..<count).map { index in
                    var item = Fixture.item("\(prefix)\(index)")
                    item.comment = "Долго ждал в очереди, никто не подошёл"
                    return item
                }
                _ = try await database.feedback.insert(items, createMissingReferences: false)
            }
            let first = try await database.feed.stepEvents(after: seeded, limit: 500, records: 4)
            #expect(first.events.map(\.records) == [3] && !first.reachesHead, "3 + 2 rows are past 4")
            let second = try await database.feed.stepEvents(after: try #require(first.events.last).position, limit: 500, records: 4)
            #expect(second.events.map(\.records) == [2] && !second.reachesHead)
            let third = try await database.feed.stepEvents(after: try #require(second.events.last).position, limit: 500, records: 1)
            #expect(third.events.map(\.records) == [4] && third.reachesHead, "one event larger than the bound is taken alone")
            let limited = try await database.feed.stepEvents(after: seeded, limit: 2, records: 100)
            #expect(limited.events.map(\.records) == [3, 2] && !limited.reachesHead, "the limit of events still holds")
            let whole = try await database.feed.stepEvents(after: seeded, limit: 500, records: 100)
            #expect(whole.events.map(\.records) == [3, 2, 4] && whole.reachesHead)

            // The text analysis goes through the three writes in three steps of at most 4 rows, caught up only after them.
            var analysed: [Int] = []
            while true {
                let step = try await database.texts.analyseFromFeed(consumer: "bounded", limit: 500, records: 4)
                if step.analysed > 0 { analysed.append(step.analysed) }
                if step.caughtUp { break }
            }
            #expect(analysed == [3, 2, 4])
            // And every durable consumer's frame, here with one event's rows counted per step.
            var sizes: [Int] = []
            while true {
                let step = try await FeedStep.run(consumer: "framed", limit: 500, records: 4, database: database.sql, read: { stretch in
                    stretch.events.filter { $0.kind == .feedback }.map(\.records).reduce(0, +)
                }, work: { rows, _ in rows })
                if step.handled > 0 { sizes.append(step.handled) }
                if step.caughtUp { break }
            }
            #expect(sizes == [3, 2, 4])
        }
    }

    /// A consumer whose rows are rare (case opening reads feedback with a contact, and a stream of POSTs has none)
    /// does not make a step of a stretch that gives its work nothing: the step reads the next stretch and goes on, and
    /// the work gets the rows of the last one read, in the transaction that moves the position over them all. Never
    /// past a leader.
    @Test(arguments: TestEngine.available)
    func aStepGoesOnOverStretchesThatGiveItsWorkNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let sql = database.sql
            let start = try await database.feed.head()
            try await sql.transaction { tx in
                for _ in 0..<1_000 { _ = try await ChangeFeed.append(.feedback, records: 1, at: 0, in: tx) }
            }
            let wanted: Set<Int64> = [start + 450]
            let handed = LockedRows()
            func step(_ consumer: String, following leader: String? = nil, idle: Bool = true) async throws -> Bool {
                try await FeedStep.run(
                    consumer: consumer, limit: 100, database: sql, following: leader, reading: [.feedback], idle: idle ? { $0.isEmpty } : nil,
                    read: { stretch in stretch.events.map(\.position).filter { wanted.contains($0) && $0 <= stretch.through } },
                    work: { rows, _ in
                        handed.append(rows)
                        return rows.count
                    }
                ).caughtUp
            }
            #expect(try await step("rare") == false)
            #expect(try await database.feedConsumers.position(of: "rare") == start + 500, "five stretches of 100, the last with the wanted row")
            #expect(handed.rows == [[start + 450]])
            #expect(try await step("rare") == true, "the other 500 in one step to the head")
            #expect(try await database.feedConsumers.position(of: "rare") == start + 1_000)
            #expect(handed.rows == [[start + 450], []])

            var plain = 0
            while try await !step("plain", idle: false) { plain += 1 }
            #expect(plain == 10, "without `idle`, a step every 100 events (and one that finds none)")

            try await sql.transaction { tx in try await FeedConsumerPositions.advance("leader", from: 0, to: start + 700, at: 0, in: tx) }
            var calls = 0
            while try await !step("follower", following: "leader") { calls += 1 }
            #expect(try await database.feedConsumers.position(of: "follower") == start + 700, "no further than its leader")
            #expect(calls == 2, "to the wanted row, then to the leader's position")
        }
    }

    final class LockedRows: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [[Int64]] = []
        var rows: [[Int64]] { lock.withLock { stored } }
        func append(_ rows: [Int64]) { lock.withLock { stored.append(rows) } }
    }

    /// A consumer that reads rows of some kinds only (case lines, say) moves over a stream of other events once a
    /// round, not once every `limit` events: a step whose first `limit` events hold none of its kinds goes on to the
    /// next event of them (at most ``ChangeFeed/passedEventsPerStep`` more). Not across a gap, where kinds are unknown;
    /// a reader of the streamed kind, or of every kind, steps as before.
    @Test(arguments: TestEngine.available)
    func aReaderOfSomeKindsPassesOverTheOthersInOneStep(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let sql = database.sql
            let start = try await database.feed.head()
            try await sql.transaction { tx in
                for _ in 0..<250 { _ = try await ChangeFeed.append(.feedback, records: 3, at: 0, in: tx) }
                _ = try await ChangeFeed.append(.caseEvents, records: 1, at: 0, in: tx)
                for _ in 0..<10 { _ = try await ChangeFeed.append(.feedback, records: 3, at: 0, in: tx) }
            }
            let cases: Set<FeedEventKind> = [.caseEvents]
            let passed = try await database.feed.stepEvents(after: start, limit: 100, records: 1_000, reading: cases)
            #expect(passed.events.map(\.position) == Array(start + 1...start + 250) && !passed.reachesHead,
                    "the 250 feedback events in one step, up to the case event")
            let caseEvent = start + 251
            let next = try await database.feed.stepEvents(after: start + 250, limit: 100, records: 1_000, reading: cases)
            #expect(next.events.map(\.kind) == [.caseEvents] + Array(repeating: .feedback, count: 10) && next.reachesHead)
            let tail = try await database.feed.stepEvents(after: caseEvent, limit: 100, records: 1_000, reading: [.surveyOffers])
            #expect(tail.events.count == 10 && tail.reachesHead, "fewer than the limit: at the head without reading further")
            for kinds: Set<FeedEventKind>? in [[.feedback], [.feedback, .caseEvents], nil] {
                let plain = try await database.feed.stepEvents(after: start, limit: 100, records: 1_000, reading: kinds)
                #expect(plain.events.map(\.position) == Array(start + 1...start + 100) && !plain.reachesHead, "\(String(describing: kinds))")
            }
            let bounded = try await database.feed.stepEvents(after: start, limit: 100, records: 30, reading: cases)
            #expect(bounded.events.count == 250, "the rows of events it does not read do not bound the step")

            // Across a gap (a pruned event) the kinds of what is missing are unknown: the plain step.
            try await sql.execute("DELETE FROM change_feed WHERE position = ?", [.int(start + 1)])
            let gap = try await database.feed.stepEvents(after: start, limit: 100, records: 1_000, reading: cases)
            #expect(gap.events.map(\.position) == Array(start + 2...start + 101) && !gap.reachesHead)

            // At most passedEventsPerStep more than the limit.
            let many = ChangeFeed.passedEventsPerStep + 300
            let before = try await database.feed.head()
            try await sql.execute(
                """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(many))
                INSERT INTO change_feed (kind, records, created_at) SELECT 'interactions', 1, 0 FROM n
                """)
            let capped = try await database.feed.stepEvents(after: before, limit: 100, records: 1_000, reading: cases)
            #expect(capped.events.count == 100 + ChangeFeed.passedEventsPerStep && !capped.reachesHead)
            let rest = try await database.feed.stepEvents(after: try #require(capped.events.last).position, limit: 100, records: 1_000, reading: cases)
            #expect(rest.events.count == 200 && rest.reachesHead)

            // A consumer of case lines passes over the feedback and the interactions; one that declares no kinds steps
            // every 100 events.
            func steps(_ consumer: String, reading kinds: Set<FeedEventKind>?) async throws -> Int {
                var steps = 0
                while true {
                    let step = try await FeedStep.run(consumer: consumer, limit: 100, database: sql, reading: kinds, read: { stretch in
                        kinds.map { $0.contains(where: stretch.mayHold) ? 1 : 0 } ?? 0
                    }, work: { _, _ in 0 })
                    steps += 1
                    if step.caughtUp { break }
                }
                #expect(try await database.feedConsumers.position(of: consumer) == (try await database.feed.head()))
                return steps
            }
            // From position 0 (the feed starts empty): the gap's plain step (100 events), the feedback up to the case
            // event, the case event and the next 99, the 5,000 interaction events after them, the last 111.
            #expect(start == 0)
            #expect(try await steps("case-lines", reading: cases) == 5)
            #expect(try await steps("every-kind", reading: nil) == 56, "5,560 events, 100 a step")
        }
    }

    @Test(arguments: TestEngine.available)
    func pruningKeepsTheHeadAndNoReaderLosesRows(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            _ = try await database.feedback.insert([Fixture.item("a")], createMissingReferences: false)
            let call = Interaction(id: "call-1", channel: .callCenter, queue: "Q", arrivedAt: Fixture.t0, outcome: .abandoned, waitSeconds: 30)
            _ = try await database.interactions.insert([call], createMissingReferences: false)
            _ = try await database.feedback.insert([Fixture.item("b")], createMissingReferences: false)
            let head = try await database.feed.head()
            let events = try await database.feed.events(after: 0, limit: 1_000).count
            #expect(try await database.feed.prune(olderThan: 7 * 86_400, now: Date()) == 0, "nothing is older than a week")
            #expect(try await database.feed.prune(olderThan: 7 * 86_400, now: Date().addingTimeInterval(8 * 86_400)) == events - 1, "all but the head")
            #expect(try await database.feed.head() == head, "the head stays")
            let batch = try await database.feed.batch(after: 0)
            #expect(batch.through == head)
            #expect(batch.feedback.count == 2 && batch.interactions.count == 1, "rows of pruned events are still read")
        }
    }

    @Test(arguments: TestEngine.available)
    func aDurableConsumerTakesEachStretchOnceWhateverTheRaces(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            for index in 0..<6 {
                var item = Fixture.item("t\(index)")
                item.comment = index % 2 == 0 ? "Долго ждал в очереди" : "Спасибо, всё быстро"
                _ = try await database.feedback.insert([item], createMissingReferences: false)
            }
            // Four "servers" step the same consumer at once, one event at a time; a step that lost the race rolls back.
            let lost = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var lost = 0
                        while true {
                            do {
                                if try await database.texts.analyseFromFeed(consumer: "text-analysis", limit: 1).caughtUp { return lost }
                            } catch StoreError.consumerMoved {
                                lost += 1
                            }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(try await database.feedConsumers.position(of: "text-analysis") == database.feed.head())
            let rows = try await database.sql.query("SELECT COUNT(*) AS n FROM comment_analysis").first?.int64("n")
            #expect(rows == 6, "every comment analysed once (\(lost) steps lost a race and were rolled back)")
        }
    }

    @Test(arguments: TestEngine.available)
    func concurrentWritersNeverLetAReaderSkipAPosition(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let seeded = try await database.feed.head()
            let writers = 6, writes = 20
            let done = ManagedFlag()
            async let observed: [Int64] = {
                var seen: [Int64] = []
                var position = seeded
                while true {
                    let finished = done.value
                    let events = try await database.feed.events(after: position, limit: 1_000)
                    seen += events.map(\.position)
                    position = events.last?.position ?? position
                    if finished && events.isEmpty { return seen }
                }
            }()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for writer in 0..<writers {
                    // Each writer is its own "server" on the same database: its commits run beside the others'.
                    let server = AppDatabase(sql: database.sql)
                    group.addTask {
                        for index in 0..<writes {
                            _ = try await server.feedback.insert([Fixture.item("w\(writer)-\(index)")], createMissingReferences: false)
                        }
                    }
                }
                try await group.waitForAll()
            }
            done.set()
            let seen = try await observed
            let stored = try await database.feed.events(after: seeded, limit: 10_000).map(\.position)
            #expect(stored.count == writers * writes)
            #expect(seen == stored, "the reader saw every position, in order, none skipped")
        }
    }
}

/// A flag one task sets and another reads.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
