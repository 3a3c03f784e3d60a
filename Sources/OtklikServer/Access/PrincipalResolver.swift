import OtklikCore
import OtklikStore

/// The one place that turns who authenticated (a session's user or an API key) into a ``Principal``: what they may
/// do (their role's or key scope's permissions) and where (their regions or locations resolved to location codes).
struct PrincipalResolver: Sendable {
    let reference: any ReferenceRepository

    func principal(for user: User) async throws -> Principal {
        Principal(
            kind: .user, name: user.username, permissions: user.role.permissions, scope: try await resolve(user.scope),
            staff: user.staff, ownCasesOnly: user.role == .staff)
    }

    func principal(for key: ApiKey) async throws -> Principal {
        Principal(kind: .apiKey, name: key.id, permissions: key.scope.permissions, scope: try await resolve(key.area))
    }

    /// The scope's locations by name, in code order ("Офис на Тверской, Офис на Арбате"); nil for the organisation.
    func note(for scope: AccessScope) async throws -> String? {
        guard let codes = scope.locationCodes else { return nil }
        let names = Dictionary(try await reference.locations().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        return codes.isEmpty ? "—" : codes.sorted().map { names[$0] ?? $0 }.joined(separator: ", ")
    }

    /// Regions are read afresh on each request, so a location moved to another region moves with it.
    func resolve(_ scope: OrganisationScope) async throws -> AccessScope {
        guard case .regions = scope else { return scope.resolve(locations: []) }
        return scope.resolve(locations: try await reference.locations())
    }
}
