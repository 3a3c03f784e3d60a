import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Group commit (issue 22) on every engine: concurrent single writes share commits, each lands exactly once with its
/// change-feed event, a bad write in a group fails alone and names its field, the same id sent twice at once is
/// stored once, and a writer is answered only once its records are committed (visible to every other connection).
/// Nothing here depends on timing: how the writes fall into groups is up to the scheduler, and every assertion holds
/// for any grouping.
@Suite struct GroupCommitContractTests {
    typealias Fixture = FeedbackRepositoryContractTests

    /// Runs `count` writers at once; each returns what `write` returns for its index (or the error it threw).
    static func concurrently<T: Sendable>(
        _ count: Int, _ write: @escaping @Sendable (Int) async throws -> T
    ) async -> [Int: Result<T, any Error>] {
        await withTaskGroup(of: (Int, Result<T, any Error>).self) { group in
            for index in 0..<count {
                group.addTask {
                    do { return (index, .success(try await write(index))) } catch { return (index, .failure(error)) }
                }
            }
            var results: [Int: Result<T, any Error>] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    @Test(arguments: TestEngine.available)
    func concurrentSingleWritesLandOnceWithTheirFeedEvents(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            let before = try await database.feed.head()
            let results = await Self.concurrently(300) { index in
                let (outcome, commit) = try await database.feedback.insertCommitted(
                    [Fixture.item("single-\(index)", minutes: Double(index))], untimed: [], createMissingReferences: false)
                // Answered only after the commit: another connection (a reader of the pool, or PostgreSQL's next
                // session) already sees the record and its event.
                let stored = try await database.feedback.get(id: "single-\(index)")
                let event = try await database.feed.events(after: (commit?.position ?? 1) - 1, limit: 1).first
                return (outcome, commit, stored, event)
            }
            var positions: [Int64: Set<String>] = [:]
            for index in 0..<300 {
                let (outcome, commit, stored, event) = try #require(try results[index]?.get())
                #expect(outcome == InsertOutcome(inserted: ["single-\(index)"], duplicates: []))
                let group = try #require(commit, "write \(index) has its commit")
                #expect(group.records.map(\.id).contains("single-\(index)"))
                #expect(stored?.id == "single-\(index)", "write \(index) is visible once it is answered")
                #expect(event?.position == group.position && event?.kind == .feedback && event?.records == group.records.count)
                positions[group.position, default: []].formUnion(group.records.map(\.id))
            }
            #expect(try await database.feedback.count() == 300)
            // Every group's event holds exactly its records, and every record is in exactly one group.
            let events = try await database.feed.events(after: before, limit: 1_000)
            #expect(Set(events.map(\.position)) == Set(positions.keys))
            #expect(events.map(\.records).reduce(0, +) == 300)
            #expect(positions.values.map(\.count).reduce(0, +) == 300)
            let read = try await database.feed.batch(after: before, limit: 1_000)
            #expect(read.feedback.count == 300)
            for event in events {
                let own = try await database.feed.batch(after: event.position - 1, limit: 1)
                let offered = try #require(results.values.compactMap { try? $0.get().1 }.first { $0.position == event.position })
                #expect(offered.feedBatch.feedback == own.feedback, "a group's records are what the feed returns for its event, in its order")
                #expect(offered.feedBatch.through == own.through)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func aBadWriteInAGroupFailsAloneNamingItsField(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            _ = try await database.feedback.insert([Fixture.item("taken")], createMissingReferences: false)
            let results = await Self.concurrently(60) { index in
                let items: [Feedback] = switch index {
                case 11: [Fixture.item("g11"), Fixture.item("g11-elsewhere", location: "L404")]  // unknown code
                case 23: [Fixture.item("taken", nps: 2)]  // the id holds another record
                // Out of range: no check of the write path sees it, the database's CHECK constraint refuses it and the
                // shared transaction fails — the group is then written request by request.
                case 37: [Fixture.item("g37", nps: 50)]
                default: [Fixture.item("g\(index)", minutes: Double(index))]
                }
                return try await database.feedback.insert(items, createMissingReferences: false)
            }
            func failure(_ index: Int) -> OtklikError? {
                guard case .failure(let error) = results[index] else { return nil }
                return error as? OtklikError
            }
            #expect(failure(11)?.code == .invalidInput && failure(11)?.field == "items[1].location")
            #expect(failure(23)?.code == .conflict && failure(23)?.field == "items[0].id")
            if case .success = results[37] { Issue.record("an nps of 50 was stored") }
            let good = (0..<60).filter { ![11, 23, 37].contains($0) }
            for index in good {
                #expect((try? results[index]?.get()) == InsertOutcome(inserted: ["g\(index)"], duplicates: []), "write \(index)")
            }
            #expect(try await database.feedback.count() == 1 + good.count)
            #expect(try await database.feedback.get(id: "g11") == nil, "nothing of a refused write is stored")
            #expect(try await database.feedback.get(id: "g37") == nil)
            #expect(try await database.feedback.get(id: "taken")?.nps == 9)
            let events = try await database.feed.events(after: 0, limit: 1_000).filter { $0.kind == .feedback }
            #expect(events.map(\.records).reduce(0, +) == 1 + good.count, "the feed counts exactly the stored records")
        }
    }

    @Test(arguments: TestEngine.available)
    func theSameIDSentTwiceAtOnceIsStoredOnce(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Fixture.seedReference(database)
            for round in 0..<20 {
                // The same record twice: one write stores it, the other is its duplicate, whichever group each joins.
                let same = await Self.concurrently(2) { _ in
                    try await database.feedback.insert([Fixture.item("twice-\(round)")], createMissingReferences: false)
                }
                let outcomes = try [0, 1].map { try #require(try same[$0]?.get()) }
                #expect(outcomes.flatMap(\.inserted) == ["twice-\(round)"], "round \(round)")
                #expect(outcomes.flatMap(\.duplicates) == ["twice-\(round)"], "round \(round)")
                // The same id with other content: one is stored, the other is a conflict naming the id.
                let clash = await Self.concurrently(2) { index in
                    try await database.feedback.insert([Fixture.item("clash-\(round)", nps: index)], createMissingReferences: false)
                }
                let stored = clash.compactMap { entry in (try? entry.value.get()).map { _ in entry.key } }
                #expect(stored.count == 1, "round \(round)")
                let refused = clash.compactMap { entry -> OtklikError? in
                    guard case .failure(let error) = entry.value else { return nil }
                    return error as? OtklikError
                }
                #expect(refused.map(\.code) == [.conflict] && refused.first?.field == "items[0].id", "round \(round)")
                #expect(try await database.feedback.get(id: "clash-\(round)")?.nps == stored.first)
            }
            #expect(try await database.feedback.count() == 40)
            let events = try await database.feed.events(after: 0, limit: 1_000).filter { $0.kind == .feedback }
            #expect(events.map(\.records).reduce(0, +) == 40)
        }
    }
}
