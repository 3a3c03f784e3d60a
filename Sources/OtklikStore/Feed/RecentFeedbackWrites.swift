import Foundation
import OtklikCore
import Synchronization

/// The feedback this process has just committed, by change-feed position, so that its own durable consumers (the
/// red-press alerts, the text analysis, the case opening, the `feedback.received` webhooks) take the rows of a stretch
/// from memory instead of reading back what the writer has just written. Filled only after a commit (a rolled-back
/// position is never remembered); a stretch whose feedback events are not all remembered — written by another
/// process or server, or evicted — is read from the store as before, so the memory only saves work, never decides it.
/// Holds the last ``capacity`` records at most (whole groups; the oldest leave first).
public final class RecentFeedbackWrites: Sendable {
    /// One committed group as a consumer reads it: the records in feed order (by id) with the stored customer
    /// reference, each with the group's time of receipt.
    typealias Rows = [(feedback: Feedback, receivedAt: Date)]

    private struct State {
        var groups: [Int64: Rows] = [:]
        var order: [Int64] = []
        var records = 0
    }

    private let state = Mutex(State())
    let capacity: Int

    public init(capacity: Int = 20_000) {
        self.capacity = capacity
    }

    /// Remembers a committed group (again: no change). A group larger than the capacity is not kept.
    func remember(_ group: CommittedGroup<Feedback>) {
        guard group.records.count <= capacity else { return }
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
            while state.records > capacity, let oldest = state.order.first {
                state.order.removeFirst()
                state.records -= state.groups.removeValue(forKey: oldest)?.count ?? 0
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
