import OtklikCore
import OtklikStore

extension AppRequestContext {
    /// The case queue this principal may see: its locations only, and a staff-role user only the cases they own.
    func scoped(_ filter: CaseFilter) -> CaseFilter {
        var filter = filter
        filter.scopeLocations = accessScope.locationCodes
        if let principal, principal.ownCasesOnly { filter.owner = principal.staff ?? principal.name }
        return filter
    }

    /// Whether one case is in this principal's queue (``scoped(_:)`` for a single case).
    func canSee(_ item: FeedbackCase) -> Bool {
        guard accessScope.allows(location: item.location) else { return false }
        if let principal, principal.ownCasesOnly { return item.owner == (principal.staff ?? principal.name) }
        return true
    }

    /// The case and its history, or 404 — the same answer whether it does not exist or is outside the scope.
    func visibleCase(_ id: String, in cases: any CaseRepository) async throws -> (FeedbackCase, [CaseEvent]) {
        guard let found = try await cases.get(id: id), canSee(found.0) else {
            throw OtklikError(.notFound, "no case '\(id)'", field: "id")
        }
        return found
    }

    /// Refuses (404, naming the first) a list of case ids when any is outside this principal's queue.
    func requireVisibleCases(_ ids: [String], in cases: any CaseRepository) async throws {
        guard principal.map({ !$0.scope.isOrganisation || $0.ownCasesOnly }) ?? true else { return }
        for id in ids { _ = try await visibleCase(id, in: cases) }
    }
}
