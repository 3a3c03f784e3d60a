import Synchronization
import Testing

@testable import OtklikStore

/// ``RecentRead``: a value is kept for its life, read again after it, and a read that began before a ``RecentRead/forget()``
/// (a write) is returned to its caller but not kept, so no one is served the value from before the write afterwards.
@Suite struct RecentReadTests {
    final class Clock: Sendable {
        let now = Mutex(ContinuousClock.now)
        func advance(_ by: Duration) { now.withLock { $0 += by } }
        var instant: ContinuousClock.Instant { now.withLock { $0 } }
    }

    @Test func keptForItsLifeThenReadAgain() async throws {
        let clock = Clock()
        let recent = RecentRead<Int>(life: .seconds(1))
        let reads = Mutex(0)
        let read: () async throws -> Int = { reads.withLock { $0 += 1; return $0 } }
        #expect(try await recent.value(now: { clock.instant }, read: read) == 1)
        clock.advance(.milliseconds(999))
        #expect(try await recent.value(now: { clock.instant }, read: read) == 1, "within its life: not read again")
        clock.advance(.milliseconds(1))
        #expect(try await recent.value(now: { clock.instant }, read: read) == 2, "its life over: read again")
        recent.forget()
        #expect(try await recent.value(now: { clock.instant }, read: read) == 3, "forgotten: read again at once")
        #expect(reads.withLock { $0 } == 3)
    }

    @Test func aReadThatBeganBeforeAForgetIsNotKept() async throws {
        let recent = RecentRead<String>()
        let during = try await recent.value {
            recent.forget()  // a write commits while the read is under way
            return "before the write"
        }
        #expect(during == "before the write", "the caller that asked gets what it read")
        #expect(try await recent.value { "after the write" } == "after the write", "but it was not kept")
        #expect(try await recent.value { "read again" } == "after the write", "what was read after the write is kept")
    }

    @Test func aFailedReadKeepsNothing() async throws {
        struct Failure: Error {}
        let recent = RecentRead<Int>()
        await #expect(throws: Failure.self) { try await recent.value { throw Failure() } }
        #expect(try await recent.value { 7 } == 7)
    }
}
