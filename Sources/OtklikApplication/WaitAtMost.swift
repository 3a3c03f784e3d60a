import Foundation

/// Starts a job and waits for it at most a given time: the job goes on after the wait ends.
enum WaitAtMost {
    static func run(_ limit: Duration, _ job: @escaping @Sendable () async -> Void) async {
        let work = Task { await job() }
        let resumer = ResumeOnce()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            resumer.set(continuation)
            let timer = Task {
                try? await Task.sleep(for: limit)
                resumer.resume()
            }
            Task {
                await work.value
                timer.cancel()
                resumer.resume()
            }
        }
    }

    /// Resumes a continuation once, whichever of the job and the timer ends first.
    final class ResumeOnce: @unchecked Sendable {
        private let lock = NSLock()
        private var continuation: CheckedContinuation<Void, Never>?

        func set(_ continuation: CheckedContinuation<Void, Never>) {
            lock.withLock { self.continuation = continuation }
        }

        func resume() {
            let waiting = lock.withLock {
                let waiting = continuation
                continuation = nil
                return waiting
            }
            waiting?.resume()
        }
    }
}
