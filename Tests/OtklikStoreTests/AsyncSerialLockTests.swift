import Dispatch
import Foundation
@testable import OtklikStore
import Synchronization
import Testing

/// SQLite's writer lock (``AsyncSerialLock``): one holder at a time however many tasks ask at once, each holder suspended
/// inside it; released from another thread (the writer's queue, after a commit), it wakes the next waiter.
@Suite struct AsyncSerialLockTests {
    @Test func oneHolderAtATimeAndEveryWaiterGetsItOnce() async throws {
        let lock = AsyncSerialLock()
        let probe = Probe()
        await withTaskGroup(of: Void.self) { group in
            for task in 0..<64 {
                group.addTask {
                    await lock.acquire()
                    let now = probe.inside.add(1, ordering: .sequentiallyConsistent).newValue
                    _ = probe.most.max(now, ordering: .sequentiallyConsistent)
                    probe.entries.add(1, ordering: .sequentiallyConsistent)
                    // Suspended while holding it, as a transaction body is between its statements.
                    try? await Task.sleep(for: .microseconds(200))
                    probe.inside.subtract(1, ordering: .sequentiallyConsistent)
                    if task.isMultiple(of: 2) {
                        // Handed on from a thread outside Swift's pool, as the writer's queue does after a commit.
                        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                            DispatchQueue.global().async {
                                lock.release()
                                done.resume()
                            }
                        }
                    } else {
                        lock.release()
                    }
                }
            }
        }
        #expect(probe.most.load(ordering: .sequentiallyConsistent) == 1, "never two holders")
        #expect(probe.entries.load(ordering: .sequentiallyConsistent) == 64)
        // Free again: taken at once.
        await lock.acquire()
        lock.release()
    }

    /// How many hold the lock now, the most that ever did at once, and how many took it.
    final class Probe: Sendable {
        let inside = Atomic<Int>(0)
        let most = Atomic<Int>(0)
        let entries = Atomic<Int>(0)
    }
}
