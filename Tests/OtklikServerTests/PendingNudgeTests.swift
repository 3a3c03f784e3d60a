import Synchronization
import Testing

@testable import OtklikApplication

/// Many writers' nudges share the tasks that deliver them (``PendingNudge``), and every nudge is still followed by a
/// delivery that starts after it: the last delivery sees every commit made before any nudge.
@Suite struct PendingNudgeTests {
    private struct Tally {
        var commits = 0
        var deliveries = 0
        var lastSeen = 0
    }

    private final class Shared: Sendable {
        let tally = Mutex(Tally())
    }

    @Test func nudgesShareTheirDeliveriesAndTheLastOneSeesEveryCommit() async throws {
        let nudge = PendingNudge()
        let shared = Shared()
        let writers = 8
        let nudgesEach = 2_000
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<writers {
                group.addTask {
                    for _ in 0..<nudgesEach {
                        // A commit, then its nudge (a delivery reads how many commits it covers).
                        shared.tally.withLock { $0.commits += 1 }
                        nudge.send { shared.tally.withLock { $0.deliveries += 1; $0.lastSeen = $0.commits } }
                    }
                }
            }
        }
        let total = writers * nudgesEach
        let deadline = ContinuousClock.now + .seconds(30)
        while shared.tally.withLock({ $0.lastSeen }) < total, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
        let final = shared.tally.withLock { $0 }
        #expect(final.lastSeen == total, "a delivery started after the last nudge")
        #expect(final.deliveries < total / 2, "\(final.deliveries) deliveries for \(total) nudges: they were not shared")
    }
}
