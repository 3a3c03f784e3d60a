/// A role and a scope as a person gives them — a role name and region or location codes — read the one way the
/// command line (`otklik user create`, `otklik user role`), `/admin/users` and `PUT /api/v1/users/{name}/role` read
/// them, so each refuses the same things under the same field names: `role` (missing or unknown), `regions` (both
/// levels given), `regions`/`locations` (a regional or location manager given neither). Whether the codes exist is
/// the store's check (``OrganisationScope`` rows against the hierarchy).
public struct RoleAssignment: Sendable, Equatable {
    public var role: Role
    public var scope: OrganisationScope

    public init(role: Role, scope: OrganisationScope) {
        self.role = role
        self.scope = scope
    }

    public static func read(role name: String?, regions: [String], locations: [String]) throws(OtklikError) -> RoleAssignment {
        let trimmed = (name ?? "").trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw .invalid("role", "give a role: one of \(Role.names)") }
        guard let role = Role(name: trimmed) else { throw .invalid("role", "unknown role '\(trimmed)'; one of \(Role.names)") }
        let scope = try OrganisationScope.from(regions: regions, locations: locations)
        try check(role: role, scope: scope)
        return RoleAssignment(role: role, scope: scope)
    }

    /// A manager of part of the organisation must be given that part (field `regions` or `locations`).
    public static func check(role: Role, scope: OrganisationScope) throws(OtklikError) {
        guard role.needsScope, scope == .organisation else { return }
        let field = role == .regionalManager ? "regions" : "locations"
        throw .invalid(field, "a \(role.rawValue) needs \(field)")
    }
}
