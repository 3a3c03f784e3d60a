import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// Issue 17's leftover on the write path: a server's own commit reaches its analytics engine as the writer offers it
/// (the group's records, at the group's feed position) instead of being read back from the store — and only when the
/// engine stands right before it; anything else is read from the feed as before. Either way the engine ends equal to
/// one rebuilt from the store.
@Suite struct OwnWriteHandoffTests {
    static func item(_ id: String, nps: Int, location: String = "L01") -> Feedback {
        Feedback(id: id, ts: Date(timeIntervalSince1970: 1_772_000_000), channel: .terminal, kind: .informative, location: location, nps: nps)
    }

    /// The engine's figures against an engine loaded afresh from the store.
    static func expectEngineMatchesStore(_ test: TestApp, _ comment: Comment) async throws {
        let fresh = Analytics(timeZone: test.app.analytics.timeZone)
        try await fresh.load(from: test.app.database, logger: test.app.logger)
        let query = FeedbackQuery(groupBy: [.location])
        let served = try await test.app.analytics.report(.nps, query, minimumN: 1)
        let rebuilt = try await fresh.report(.nps, query, minimumN: 1)
        #expect(try await test.app.analytics.count() == test.app.database.feedback.count(), comment)
        #expect(served.overall == rebuilt.overall, comment)
        #expect(served.groups == rebuilt.groups, comment)
    }

    /// Another process on the same SQLite file (its commits are not this process's ``LocalCommits``).
    static func otherProcess(_ test: TestApp) throws -> AppDatabase {
        let sqlite = try #require(test.app.database.sql as? SQLiteDatabase)
        return AppDatabase(sql: try SQLiteDatabase(path: sqlite.path))
    }

    @Test func concurrentWritesReachTheEngineAsOfferedAndMatchTheStore() async throws {
        let test = try await TestApp.make()
        do {
            try await test.app.follower.catchUp()
            let writtenBefore = await test.app.follower.appliedAsWritten
            let ingest = test.app.ingest
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<64 {
                    group.addTask {
                        let outcome = try await ingest.ingest([Self.item("own-\(index)", nps: 7 + index % 4, location: index % 2 == 0 ? "L01" : "L02")])
                        #expect(outcome.inserted == ["own-\(index)"])
                    }
                }
                try await group.waitForAll()
            }
            // Every write was answered after the engine had its record: nothing is left to read.
            #expect(try await test.app.analytics.count() == 64)
            #expect(await test.app.follower.position == (try await test.app.database.feed.head()))
            #expect(await test.app.follower.appliedAsWritten > writtenBefore, "the engine applied the writers' own commits")
            try await Self.expectEngineMatchesStore(test, "after concurrent writes")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    @Test func aCommitTheEngineIsNotRightBeforeIsReadFromTheFeed() async throws {
        let test = try await TestApp.make()
        do {
            try await test.app.follower.catchUp()
            // Another process's write: the engine has not seen its event.
            let other = try Self.otherProcess(test)
            _ = try await other.feedback.insert([Self.item("elsewhere", nps: 2)], createMissingReferences: false)
            try await other.close()
            let writtenBefore = await test.app.follower.appliedAsWritten
            _ = try await test.app.ingest.ingest([Self.item("here", nps: 10)])
            #expect(await test.app.follower.appliedAsWritten == writtenBefore, "the written commit was not the next event")
            #expect(try await test.app.analytics.count() == 2, "both writes reached the engine, read from the feed")
            try await Self.expectEngineMatchesStore(test, "after a write elsewhere")
            // The next own write is right after the engine's position again: applied as written.
            _ = try await test.app.ingest.ingest([Self.item("here-again", nps: 4, location: "L02")])
            #expect(await test.app.follower.appliedAsWritten == writtenBefore + 1)
            try await Self.expectEngineMatchesStore(test, "after the next own write")
            // A retry stores nothing and offers nothing.
            _ = try await test.app.ingest.ingest([Self.item("here-again", nps: 4, location: "L02")])
            #expect(await test.app.follower.appliedAsWritten == writtenBefore + 1)
            #expect(try await test.app.analytics.count() == 3)
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// A writer waits for the engine to reach its own commit and no further: a commit made after it by another process
    /// is left to the next run (the writer does not ask the feed for what follows its commit).
    @Test func aWriterWaitsForTheEngineUpToItsOwnCommitOnly() async throws {
        let test = try await TestApp.make()
        do {
            try await test.app.follower.catchUp()
            let (_, committed) = try await test.app.database.feedback.insertCommitted(
                [Self.item("mine", nps: 9)], untimed: [], createMissingReferences: false)
            let mine = try #require(committed)
            // Another process commits after it, before the writer asks the engine to catch up.
            let other = try Self.otherProcess(test)
            _ = try await other.feedback.insert([Self.item("later", nps: 1)], createMissingReferences: false)
            try await other.close()
            let writtenBefore = await test.app.follower.appliedAsWritten
            await test.app.follower.catchUpAfterWrite(mine)
            #expect(await test.app.follower.position == mine.position, "the engine stopped at the writer's commit")
            #expect(await test.app.follower.appliedAsWritten == writtenBefore + 1, "the writer's commit was applied as written")
            #expect(try await test.app.analytics.count() == 1)
            // Asking again once the engine is past it returns at once and changes nothing.
            await test.app.follower.catchUpAfterWrite(mine)
            #expect(await test.app.follower.position == mine.position)
            // The next run (the background loop, any other writer) reaches the later commit.
            try await test.app.follower.catchUp()
            #expect(await test.app.follower.position == (try await test.app.database.feed.head()))
            #expect(try await test.app.analytics.count() == 2)
            try await Self.expectEngineMatchesStore(test, "after the later commit")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// A consumer's event of this process that holds nothing for the engine (a case's history lines, a survey's offers)
    /// is passed over without reading the feed, so the next own commit is still applied as written; a rolled-back one
    /// is never passed over (its position may be taken again by the next event), nor another process's.
    @Test func thisProcessesFactlessEventsArePassedWithoutAReadAndNoOtherIs() async throws {
        struct Refused: Error {}
        let test = try await TestApp.make()
        do {
            try await test.app.follower.catchUp()
            let sql = test.app.database.sql
            let offered = await test.app.follower.appliedAsWritten
            let passed = await test.app.follower.passedAsLocal
            _ = try await sql.transaction { tx in try await ChangeFeed.append(.surveyOffers, records: 1, at: 0, in: tx) }
            _ = try await test.app.ingest.ingest([Self.item("after-an-offer", nps: 9)])
            #expect(await test.app.follower.passedAsLocal == passed + 1, "the offer's event was passed over")
            #expect(await test.app.follower.appliedAsWritten == offered + 1, "the write right after it was applied as written")
            #expect(await test.app.follower.position == (try await test.app.database.feed.head()))

            // Rolled back after its append: the next event may take the same position, and it is read, not passed over.
            await #expect(throws: Refused.self) {
                try await sql.transaction { tx in
                    _ = try await ChangeFeed.append(.caseEvents, records: 1, at: 0, in: tx)
                    throw Refused()
                }
            }
            _ = try await test.app.database.feedback.insert([Self.item("elsewhere", nps: 3)], createMissingReferences: false)
            _ = try await test.app.ingest.ingest([Self.item("after-a-rollback", nps: 6)])
            #expect(await test.app.follower.passedAsLocal == passed + 1)
            #expect(try await test.app.analytics.count() == 3, "every feedback reached the engine")

            // Another process's factless event is read from the feed.
            let other = try Self.otherProcess(test)
            _ = try await other.sql.transaction { tx in try await ChangeFeed.append(.surveyOffers, records: 1, at: 0, in: tx) }
            try await other.close()
            _ = try await test.app.ingest.ingest([Self.item("after-another-process", nps: 10)])
            #expect(await test.app.follower.passedAsLocal == passed + 1)
            #expect(await test.app.follower.position == (try await test.app.database.feed.head()))
            try await Self.expectEngineMatchesStore(test, "after factless events")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// The background loop's round reaches the head as it stood when the round began: this process's commits applied as
    /// written, another process's read from the feed.
    @Test func theBackgroundRoundAppliesOwnCommitsAsWrittenAndReadsOnlyOthers() async throws {
        let test = try await TestApp.make()
        do {
            try await test.app.follower.catchUp()
            try await test.app.follower.round()
            let offered = await test.app.follower.appliedAsWritten
            // Committed here, its writer not waiting for the engine (an import, a form answered at its commit).
            _ = try await test.app.database.feedback.insertCommitted([Self.item("own", nps: 10)], untimed: [], createMissingReferences: false)
            let other = try Self.otherProcess(test)
            _ = try await other.feedback.insert([Self.item("elsewhere", nps: 0)], createMissingReferences: false)
            try await other.close()
            _ = try await test.app.database.feedback.insertCommitted([Self.item("own-again", nps: 8)], untimed: [], createMissingReferences: false)
            try await test.app.follower.round()
            #expect(await test.app.follower.position == (try await test.app.database.feed.head()))
            #expect(await test.app.follower.appliedAsWritten == offered + 1, "the first own commit as written; the read of the other's event took the second")
            #expect(try await test.app.analytics.count() == 3)
            try await Self.expectEngineMatchesStore(test, "after a round")
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
