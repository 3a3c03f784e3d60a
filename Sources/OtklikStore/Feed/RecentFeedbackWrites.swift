import Foundation
import OtklikCore
import Synchronization

/// The feedback this process has just committed, by change-feed position, so that its own durable consumers (the
/// red-press alerts, the text analysis, the case opening) take the rows of a stretch from memory instead of reading
/// back what the writer has just written. Filled only after a commit (a rolled-back position is never remembered); a
/// stretch whose feedback events are not all remembered — written by another process or server, or evicted — is read
/// from the store as before. Holds the last ``capacity`` records and ``textCapacity`` bytes of comments and contacts at
/// most (whole groups; the oldest leave first). An erasure in this process empties it (``forgetAll()``); one made by
/// another process reaches a consumer of this one only if that consumer is behind by the erasure's time (normally
/// milliseconds), as for a consumer that read its stretch just before the erasure.
public final class RecentFeedbackWrites: Sendable {
    /// One committed group as a consumer reads it: the records in feed order (by id) with the stored customer
    /// reference, each with the group's time of receipt.
    typealias Rows = [(feedback: Feedback, receivedAt: Date)]

    private struct State {
        var groups: [Int64: Rows] = [:]
        var order: [Int64] = []
        var records = 0
        var text = 0
    }

    private let state = Mutex(State())
    let capacity: Int
    let textCapacity: Int

    public init(capacity: Int = 20_000, textCapacity: Int = 8 << 20) {
        self.capacity = capacity
        self.textCapacity = textCapacity
    }

    /// The bytes of free text a record brings (its comment and contact).
    static func text(of feedback: Feedback) -> Int { (feedback.comment?.utf8.count ?? 0) + (feedback.contact?.utf8.count ?? 0) }

    /// Forgets every group (after an erasure): the consumers read the store until new groups are committed.
    func forgetAll() {
        state.withLock { $0 = State() }
    }

    /// Remembers a committed group (again: no change). A group larger than the capacity is not kept.
    func remember(_ group: CommittedGroup<Feedback>) {
        let text = group.records.reduce(0) { $0 + Self.text(of: $1) }
        guard group.records.count <= capacity, text <= textCapacity else { return }
        let rows: Rows = group.records.map { record in
            var stored = record
            // As `Feedback(row:)` reads it back: the customer the client's id resolved to, nil when linked otherwise.
            stored.customer = group.externallyLinked.contains(record.id) ? group.customers[record.id] : nil
            return (stored, group.receivedAt)
        }
        state.withLock { state in
            guard state.groups[group.position] == nil else { return }
            state.groups[group.position] = rows
            state.order.append(group.position)
            state.records += rows.count
            state.text += text
            while state.records > capacity || state.text > textCapacity, let oldest = state.order.first {
                state.order.removeFirst()
                let evicted = state.groups.removeValue(forKey: oldest) ?? []
                state.records -= evicted.count
                state.text -= evicted.reduce(0) { $0 + Self.text(of: $1.feedback) }
            }
        }
    }

    /// The feedback of the stretch's events of kind feedback, in feed order, when every one of them is remembered and
    /// the stretch has no gap; nil otherwise (the caller reads the store).
    func rows(of stretch: FeedStep.Stretch) -> Rows? {
        guard !stretch.gap else { return nil }
        let positions = stretch.events.filter { $0.kind == .feedback && $0.position > stretch.from && $0.position <= stretch.through }.map(\.position)
        return state.withLock { state -> Rows? in
            var rows: Rows = []
            for position in positions {
                guard let group = state.groups[position] else { return nil }
                rows += group
            }
            return rows
        }
    }
}
