import OtklikCore
import Synchronization

/// API keys verified in the last ``life`` (one second by default), by the SHA-256 of their secret, so that a stream of
/// API requests reads each key from the database about once a second instead of once a request (a query and a hop to
/// a database thread and back on every POST). A revocation through this process clears the cache at once; one made by
/// another process (`otklik apikey revoke`, another server on the same database) takes effect here within ``life``.
/// Only keys that verified are kept: an unknown or revoked secret is read from the database every time.
final class ApiKeyCache: Sendable {
    private struct Entry {
        var key: ApiKey
        var expires: ContinuousClock.Instant
    }

    /// How long a verified key is trusted without reading it again.
    let life: Duration
    /// Most keys kept; when full the cache starts again empty (a server sees a handful of keys, not thousands).
    let capacity: Int
    private struct State {
        var entries: [String: Entry] = [:]
        /// Counts ``removeAll()`` calls: a key read before a revocation is not stored after it.
        var generation: UInt64 = 0
    }

    private let state = Mutex(State())

    init(life: Duration = .seconds(1), capacity: Int = 1_024) {
        self.life = life
        self.capacity = capacity
    }

    /// The key verified under this secret's hash less than ``life`` ago.
    func key(hash: String, now: ContinuousClock.Instant = .now) -> ApiKey? {
        state.withLock { state in
            guard let entry = state.entries[hash] else { return nil }
            guard now < entry.expires else {
                state.entries[hash] = nil
                return nil
            }
            return entry.key
        }
    }

    /// The current generation: read it before reading a key from the database and give it to ``store(_:hash:readIn:now:)``.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// Keeps a key read from the database, unless the cache was cleared since `generation` (a revocation may have
    /// committed after the read).
    func store(_ key: ApiKey, hash: String, readIn generation: UInt64, now: ContinuousClock.Instant = .now) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= capacity, state.entries[hash] == nil { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = Entry(key: key, expires: now + life)
        }
    }

    /// Forgets every key (after a revocation: which secret belongs to the revoked id is not known here).
    func removeAll() {
        state.withLock { state in
            state.entries.removeAll()
            state.generation &+= 1
        }
    }
}
