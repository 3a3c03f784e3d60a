/// Lets many callers share the runs of one catch-up job: a call returns once a run that started after the call has
/// finished, so every commit made before the call is covered, and at most one run is in flight.
actor CatchUpGate {
    private var issued: UInt64 = 0
    private var covered: UInt64 = 0
    private var running: Task<Void, any Error>?

    /// Runs `job` (or waits for a run that covers this call); rethrows the covering run's error.
    func pass(_ job: @escaping @Sendable () async throws -> Void) async throws {
        issued += 1
        let ticket = issued
        while covered < ticket {
            if let running {
                try await running.value
                continue
            }
            let reach = issued
            let task = Task {
                do {
                    try await job()
                    finish(covering: reach)
                } catch {
                    finish(covering: nil)
                    throw error
                }
            }
            running = task
            try await task.value
        }
    }

    private func finish(covering reach: UInt64?) {
        running = nil
        if let reach { covered = max(covered, reach) }
    }
}
