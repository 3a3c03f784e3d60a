import Foundation
@testable import OtklikStore
import Testing

/// What ``LocalCommits`` keeps for this process's analytics engine: nothing before an engine follows the feed, only
/// published (committed) events, and within its bounds — past them everything kept before is dropped and the engine
/// reads the feed instead.
@Suite struct LocalCommitsTests {
    private func commit(_ commits: LocalCommits, _ events: [(Int64, LocalCommits.Event)]) {
        let appended = LocalCommits.Appended()
        for (position, event) in events { appended.add(position, event) }
        commits.publish(appended)
    }

    private func facts(_ records: Int) -> LocalCommits.Event { .facts({ FeedBatch(through: 0) }, records: records) }

    @Test func nothingIsKeptUntilAnEngineFollowsTheFeed() {
        let commits = LocalCommits()
        commit(commits, [(1, .factless)])
        #expect(commits.take(1) == nil)
        commits.startKeeping()
        commit(commits, [(2, .factless)])
        #expect(commits.take(2) != nil)
        #expect(commits.take(2) == nil, "taken once")
    }

    @Test func pastItsBoundsEverythingKeptBeforeIsDropped() {
        let commits = LocalCommits()
        commits.startKeeping()
        for position in 1...Int64(LocalCommits.capacity) { commit(commits, [(position, .factless)]) }
        #expect(commits.take(1) != nil && commits.take(Int64(LocalCommits.capacity)) != nil)
        // Two free places: a commit of three events drops the rest and keeps its own.
        commit(commits, [(5_000, .factless), (5_001, .factless), (5_002, .factless)])
        #expect(commits.take(2) == nil && commits.take(Int64(LocalCommits.capacity) - 1) == nil)
        #expect(commits.take(5_000) != nil && commits.take(5_002) != nil)

        commit(commits, [(6_000, facts(LocalCommits.recordCapacity - 10))])
        commit(commits, [(6_001, facts(10))])
        #expect(commits.take(6_000) != nil && commits.take(6_001) != nil, "exactly the records' bound")
        commit(commits, [(7_000, facts(LocalCommits.recordCapacity - 10))])
        commit(commits, [(7_001, facts(11))])
        #expect(commits.take(7_000) == nil, "dropped for the commit that passed the bound")
        #expect(commits.take(7_001) != nil)
        // An event larger than the bound alone is never kept: the engine reads it.
        commit(commits, [(8_000, facts(LocalCommits.recordCapacity + 1)), (8_001, .factless)])
        #expect(commits.take(8_000) == nil && commits.take(8_001) != nil)
    }

    @Test func aReaderThatMovedPastEventsForgetsThem() {
        let commits = LocalCommits()
        commits.startKeeping()
        commit(commits, [(1, facts(5)), (2, .factless), (3, facts(7))])
        commits.forget(through: 2)
        #expect(commits.take(1) == nil && commits.take(2) == nil)
        #expect(commits.take(3) != nil)
    }
}
