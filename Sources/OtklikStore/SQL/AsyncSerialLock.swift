import Synchronization

/// An async mutex: one holder at a time, waiters resumed in arrival order. Taking a free lock does not suspend, and
/// ``release()`` is synchronous, so a holder can hand the lock on from any thread — SQLite's writer hands it on from
/// the writer's own queue as soon as its `COMMIT` is done, before the committing task is back on a thread of Swift's
/// pool (``SQLiteDatabase/transaction(_:)``).
final class AsyncSerialLock: Sendable {
    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Returns once the caller holds the lock; the caller must ``release()`` it exactly once.
    func acquire() async {
        let taken = state.withLock { state -> Bool in
            if state.held { return false }
            state.held = true
            return true
        }
        if taken { return }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let handedOn = state.withLock { state -> Bool in
                // Released between the first look and now: taken here instead of waiting.
                if !state.held {
                    state.held = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if handedOn { continuation.resume() }
        }
    }

    /// Hands the lock to the longest waiter, or frees it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }
}
