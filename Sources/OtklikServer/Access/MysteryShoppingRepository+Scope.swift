import Foundation
import OtklikCore
import OtklikStore

extension MysteryShoppingRepository {
    /// Planned checks overlapping [from, to) that the request may see: every location's to the organisation, the
    /// scope's locations' otherwise.
    func visits(from: Date?, to: Date?, visibleTo context: AppRequestContext) async throws -> [(visit: MysteryVisit, reported: Bool)] {
        let scope = context.accessScope
        return try await visits(from: from, to: to).filter { scope.allows(location: $0.visit.location) }
    }

    /// A planned check, 404 when it does not exist or is at a location outside the request's scope — the same answer,
    /// so a scoped caller cannot learn that it exists. Checked before its form, its photos and its result.
    func visibleVisit(id: String, context: AppRequestContext) async throws -> MysteryVisit {
        guard let visit = try await visit(id: id), context.accessScope.allows(location: visit.location) else {
            throw OtklikError(.notFound, "no planned visit '\(id)'", field: "id")
        }
        return visit
    }

    /// Before a result is stored: for a scoped caller, the visit must be at one of their locations (404 otherwise, as
    /// for an unknown visit, naming `visit`); the organisation's callers keep the repository's own answers.
    func requireVisibleForResult(visit id: String, context: AppRequestContext) async throws {
        guard !context.accessScope.isOrganisation else { return }
        guard let visit = try await visit(id: id), context.accessScope.allows(location: visit.location) else {
            throw OtklikError(.notFound, "no planned visit '\(id)'", field: "visit")
        }
    }
}
