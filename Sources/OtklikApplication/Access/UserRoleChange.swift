import Foundation
import OtklikCore
import OtklikStore

/// Changes a user's role and scope the one way `otklik user role`, `/admin/users` and `PUT /api/v1/users/{name}/role`
/// do: the store writes role and scope together, all or nothing (an unknown user 404, an unknown region or location,
/// the last administrator kept), then one audit entry `role` names who changed what. A change to what the user already
/// has writes nothing and no entry, so a retried request is harmless.
public struct UserRoleChange: Sendable {
    let access: any AccessRepository
    let audit: SQLAuditLog

    public init(access: any AccessRepository, audit: SQLAuditLog) {
        self.access = access
        self.audit = audit
    }

    /// The user as changed; `actor` is written to the audit log (`cli`, `user:NAME`, `api:KEY`).
    @discardableResult
    public func apply(_ assignment: RoleAssignment, to username: String, actor: String) async throws -> User {
        guard let before = try await access.user(username: username) else {
            throw OtklikError(.notFound, "no user '\(username)'", field: "username")
        }
        if before.role == assignment.role, before.scope == assignment.scope { return before }
        try await access.setRole(username: username, role: assignment.role, scope: assignment.scope)
        try await audit.record(UserRoleAudit.entry(actor: actor, username: username, before: before, role: assignment.role, scope: assignment.scope))
        return try await access.user(username: username) ?? before
    }
}
