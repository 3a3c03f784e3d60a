import Synchronization

/// The change-feed events this process committed that hold no facts for the analytics engine — a case's history
/// lines, a survey's offers, a customer merge (``FeedEventKind/carriesEngineFacts``) — by position, so that the
/// engine passes over them without reading the feed (under single-feedback POSTs the consumers' events came between
/// the writers' own commits about ten times a second, and each such read, 1-7 ms, held up every writer behind it).
///
/// A transaction's events are recorded while it runs (``collecting(_:)``) and published only once it has committed:
/// a rolled-back position may be taken again by the next event, of any kind. Another process's events are never here,
/// so they are read from the feed as before. At most ``capacity`` positions are kept; past that the oldest half is
/// dropped (an engine that far behind reads the feed).
public final class LocalFactlessEvents: Sendable {
    /// The factless events the running transaction appended (bound by the drivers' `transaction`).
    @TaskLocal static var appending: Appended?

    /// Collects one transaction's factless events.
    final class Appended: Sendable {
        private let positions = Mutex<[Int64]>([])
        func add(_ position: Int64) { positions.withLock { $0.append(position) } }
        var all: [Int64] { positions.withLock { $0 } }
    }

    static let capacity = 4_096
    private let positions = Mutex(Set<Int64>())

    public init() {}

    /// Runs a transaction's body with its factless appends collected; the caller publishes them after its commit.
    func collecting<T>(_ body: () async throws -> T, isolation: isolated (any Actor)? = #isolation) async rethrows -> (T, Appended) {
        let appended = Appended()
        let result = try await Self.$appending.withValue(appended) { try await body() }
        return (result, appended)
    }

    /// After the commit of the transaction that appended them.
    func publish(_ appended: Appended) {
        let committed = appended.all
        guard !committed.isEmpty else { return }
        positions.withLock { positions in
            if positions.count + committed.count > Self.capacity {
                let kept = positions.sorted().suffix(Self.capacity / 2)
                positions = Set(kept)
            }
            positions.formUnion(committed)
        }
    }

    /// Whether `position` is a factless event this process committed; it is forgotten either way.
    public func take(_ position: Int64) -> Bool {
        positions.withLock { $0.remove(position) != nil }
    }

    /// Forgets every position up to `position` (a reader moved past them by reading the feed).
    public func forget(through position: Int64) {
        positions.withLock { positions in
            guard positions.contains(where: { $0 <= position }) else { return }
            positions = positions.filter { $0 > position }
        }
    }
}
