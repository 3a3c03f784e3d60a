import Synchronization

/// One value read from the database, trusted for ``life`` (one second by default) instead of read again on every
/// request: the KPI targets (``SQLTargetRepository``), which every metric request, KPI page and dashboard judges its
/// figures against, and which change a few times a year. A write through this process calls ``forget()`` and the next
/// read goes to the database; a write by another process (`otklik targets import`, another server on the same
/// database) is seen here within ``life``. ``ApiKeyCache`` is the same idea for API keys, kept by secret.
final class RecentRead<Value: Sendable>: Sendable {
    private struct State {
        var value: Value?
        var expires: ContinuousClock.Instant
        /// Counts ``forget()`` calls: a value read before a write is not kept after it.
        var generation: UInt64 = 0
    }

    /// How long a value read is trusted without reading it again.
    let life: Duration
    private let state: Mutex<State>

    init(life: Duration = .seconds(1)) {
        self.life = life
        self.state = Mutex(State(value: nil, expires: .now))
    }

    /// The value read less than ``life`` ago, else `read()`'s, kept unless ``forget()`` was called while it read.
    func value(now: @Sendable () -> ContinuousClock.Instant = { .now }, read: () async throws -> Value) async throws -> Value {
        let (kept, generation) = state.withLock { state -> (Value?, UInt64) in
            guard let value = state.value, now() < state.expires else { return (nil, state.generation) }
            return (value, state.generation)
        }
        if let kept { return kept }
        let value = try await read()
        let expires = now() + life
        state.withLock { state in
            guard state.generation == generation else { return }
            state.value = value
            state.expires = expires
        }
        return value
    }

    /// Forgets the value (after a write): the next ``value(now:read:)`` reads the database.
    func forget() {
        state.withLock { state in
            state.value = nil
            state.generation &+= 1
        }
    }
}
