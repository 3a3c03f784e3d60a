/// Lets many callers share the runs of one catch-up job: a call returns once a run that started after the call has
/// finished, so every commit made before the call is covered, and at most one run is in flight.
///
/// A writer that need not wait for what follows from its commit ``nudge(_:)``s instead: a run starts now, or, when
/// one is in flight, once more after it — however many nudges arrive meanwhile — so every commit made before the
/// nudge is still covered by a run that starts after it. Runs started by nudges are at least ``spacing`` apart, so under
/// a stream of writes a consumer does its work in a few larger transactions instead of one per write (each of which
/// would queue for SQLite's single writer beside the writes themselves).
actor CatchUpGate {
    /// The least time between the starts of two runs started by nudges.
    let spacing: Duration
    private var lastStart: ContinuousClock.Instant?

    init(spacing: Duration = .milliseconds(50)) {
        self.spacing = spacing
    }

    private var issued: UInt64 = 0
    private var covered: UInt64 = 0
    private var running: Task<Void, any Error>?
    /// A nudge arrived while a run was in flight: the job to run once more when it ends.
    private var nudged: (@Sendable () async throws -> Void)?

    /// Runs `job` (or waits for a run that covers this call); rethrows the covering run's error.
    func pass(_ job: @escaping @Sendable () async throws -> Void) async throws {
        issued += 1
        let ticket = issued
        while covered < ticket {
            if let running {
                try await running.value
                continue
            }
            try await start(job).value
        }
    }

    /// Waits for the run in flight, or runs `job` when none is: once, whatever it covers. For a caller that checks
    /// afterwards whether what it needs is done (a writer waiting for the engine to reach its own commit), so a run it
    /// starts may stop short of the feed's head; such a run covers no ``pass(_:)`` caller.
    func passOnce(_ job: @escaping @Sendable () async throws -> Void) async throws {
        if let running {
            try await running.value
            return
        }
        try await start(job, covers: false).value
    }

    /// Makes sure a run that starts after this call will happen, without waiting for it; its error is the job's to
    /// record (the consumers log it, count it and show it on `/health`).
    func nudge(_ job: @escaping @Sendable () async throws -> Void) {
        issued += 1
        if running != nil {
            nudged = job
        } else {
            start(job, notBefore: lastStart.map { $0 + spacing })
        }
    }

    @discardableResult
    private func start(
        _ job: @escaping @Sendable () async throws -> Void, notBefore: ContinuousClock.Instant? = nil, covers: Bool = true
    ) -> Task<Void, any Error> {
        let task = Task {
            if let notBefore, notBefore > .now { try? await Task.sleep(until: notBefore, clock: .continuous) }
            // Every call issued before the run begins is covered by it (unless the run may stop short).
            let reach = issued
            lastStart = .now
            do {
                try await job()
                finish(covering: covers ? reach : nil)
            } catch {
                finish(covering: nil)
                throw error
            }
        }
        running = task
        return task
    }

    private func finish(covering reach: UInt64?) {
        running = nil
        if let reach { covered = max(covered, reach) }
        if let job = nudged {
            nudged = nil
            start(job, notBefore: lastStart.map { $0 + spacing })
        }
    }
}
