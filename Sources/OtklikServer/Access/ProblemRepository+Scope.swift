import Foundation
import OtklikCore
import OtklikStore

extension ProblemRepository {
    /// The problems the request may see: every location's to the organisation, the scope's locations' otherwise.
    func problems(status: Problem.Status?, visibleTo context: AppRequestContext) async throws -> [Problem] {
        try await problems(status: status, locations: context.accessScope.locationCodes)
    }

    /// A problem with its cases and check, 404 when it does not exist or is at a location outside the request's scope
    /// (the same answer, so a scoped caller cannot learn that it exists). Checked before every action on it too.
    func visible(
        id: String, rule: ProblemRule, now: Date, context: AppRequestContext
    ) async throws -> (Problem, cases: [String], verification: ProblemVerification?) {
        guard let found = try await get(id: id, rule: rule, now: now), context.accessScope.allows(location: found.0.location) else {
            throw OtklikError(.notFound, "no problem '\(id)'", field: "id")
        }
        return found
    }
}

