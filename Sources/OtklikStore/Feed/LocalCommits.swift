import Synchronization

/// The change-feed events this process committed that the analytics engine need not read back, by position: events
/// that hold none of its facts — a case's history lines, a survey's offers, a customer merge
/// (``FeedEventKind/carriesEngineFacts``) — which it passes over, and a group commit of feedback, calls or agent-state
/// intervals (``StoredRecord/engineBatch(_:)``; service requests, which a later write may revise, are read back), whose
/// facts it applies as written. Under single-feedback POSTs the engine read the feed about ten times a second for the consumers' events
/// and for the groups whose writers had not yet offered them their commit, and each read (1-7 ms) held up every
/// writer waiting for the engine.
///
/// A transaction's events are recorded while it runs (``collecting(_:isolation:)``) and published only once it has
/// committed (SQLite: before the next transaction can begin): a rolled-back position may be taken again by the next
/// event, of any kind. Another process's events are never here, so they are read from the feed as before. At most
/// ``capacity`` positions and ``recordCapacity`` records are kept; a commit that would pass either drops everything
/// kept before it (an engine that far behind reads the feed), and an event of more records than that is not kept. Nothing is kept until an engine follows the feed (``startKeeping()``): a command-line
/// import or a server whose figures come from ClickHouse keeps none.
public final class LocalCommits: Sendable {
    /// What the engine gets for one of this process's events instead of reading it.
    public enum Event: Sendable {
        /// Nothing for the engine: it moves on.
        case factless
        /// The facts of the event, as a reader of the feed gets them for its position alone.
        case facts(@Sendable () -> FeedBatch, records: Int)

        var records: Int {
            if case .facts(_, let records) = self { return records }
            return 0
        }
    }

    /// The events the running transaction appended (bound by the drivers' `transaction`).
    @TaskLocal static var appending: Appended?

    /// Collects one transaction's events.
    final class Appended: Sendable {
        private let events = Mutex<[(Int64, Event)]>([])
        func add(_ position: Int64, _ event: Event) { events.withLock { $0.append((position, event)) } }
        var all: [(Int64, Event)] { events.withLock { $0 } }
    }

    static let capacity = 4_096
    static let recordCapacity = 20_000

    private struct State {
        var events: [Int64: Event] = [:]
        var records = 0
    }

    private let state = Mutex(State())
    private let keeping = Atomic<Bool>(false)

    public init() {}

    /// From now on committed events are kept for this process's analytics engine.
    public func startKeeping() {
        keeping.store(true, ordering: .releasing)
    }

    /// Runs a transaction's body with its events collected; the caller publishes them after its commit.
    func collecting<T>(_ body: () async throws -> T, isolation: isolated (any Actor)? = #isolation) async rethrows -> (T, Appended) {
        let appended = Appended()
        let result = try await Self.$appending.withValue(appended) { try await body() }
        return (result, appended)
    }

    /// After the commit of the transaction that appended them.
    func publish(_ appended: Appended) {
        guard keeping.load(ordering: .acquiring) else { return }
        let committed = appended.all
        guard !committed.isEmpty else { return }
        state.withLock { state in
            let adding = committed.reduce(0) { $0 + $1.1.records }
            if state.events.count + committed.count > Self.capacity || state.records + adding > Self.recordCapacity {
                // The engine is that far behind (or was stopped): it reads what it needs from the feed.
                state.events = [:]
                state.records = 0
            }
            for (position, event) in committed where state.events.count < Self.capacity && state.records + event.records <= Self.recordCapacity {
                state.events[position] = event
                state.records += event.records
            }
        }
    }

    /// This process's committed event at `position`, if it is one; forgotten either way.
    public func take(_ position: Int64) -> Event? {
        state.withLock { state in
            guard let event = state.events.removeValue(forKey: position) else { return nil }
            state.records -= event.records
            return event
        }
    }

    /// Forgets every event up to `position` (a reader moved past them by reading the feed).
    public func forget(through position: Int64) {
        state.withLock { state in
            guard state.events.keys.contains(where: { $0 <= position }) else { return }
            state.events = state.events.filter { $0.key > position }
            state.records = state.events.values.reduce(0) { $0 + $1.records }
        }
    }
}
