import Foundation
import OtklikMetrics
import Synchronization

/// What a run of case reports reads, kept between them (``CaseReports/sharingReads()``): the business clock, the
/// locations' regions and the staff's teams once, and the cases of each distinct period and set of locations once.
/// `/case-reports` asks about forty reports of the same cases (eight metrics, overall and by four dimensions, and the
/// targets' rows); each used to read every case again, with the `recovered` look-up of later feedback per case.
final class SharedCaseReads: Sendable {
    struct Context: Sendable {
        let clock: BusinessClock
        let regionOfLocation: [String: String]
        let teamOfStaff: [String: String]
    }

    /// The cases a report reads: opened in `[from, to)` at `locations` (every location when empty).
    struct Selection: Hashable, Sendable {
        let from: Date?
        let to: Date?
        let locations: Set<String>
    }

    private struct State {
        var context: Context?
        var facts: [Selection: [CaseFact]] = [:]
    }

    private let state = Mutex(State())

    /// The context, read by `load` the first time.
    func context(_ load: () async throws -> Context) async throws -> Context {
        if let kept = state.withLock({ $0.context }) { return kept }
        let context = try await load()
        state.withLock { $0.context = $0.context ?? context }
        return context
    }

    /// The cases of `selection`, read by `load` the first time it is asked for.
    func facts(_ selection: Selection, _ load: () async throws -> [CaseFact]) async throws -> [CaseFact] {
        if let kept = state.withLock({ $0.facts[selection] }) { return kept }
        let facts = try await load()
        state.withLock { $0.facts[selection] = $0.facts[selection] ?? facts }
        return facts
    }
}
