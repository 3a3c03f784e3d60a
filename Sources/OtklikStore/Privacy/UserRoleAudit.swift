import Foundation
import OtklikCore

/// The audit entry of a change of a user's role and scope (`otklik user role`, `/admin/users`): action `role`, subject
/// kind `user`, the facts ``AuditDetail/roleChanged(from:to:)`` — in words "was → now"
/// (`viewer over organisation → location_manager over locations L01`).
public enum UserRoleAudit {
    public static let action = "role"

    public static func entry(actor: String, username: String, before: User?, role: Role, scope: OrganisationScope, at: Date = Date()) -> AuditEntry {
        AuditEntry(
            at: at, actor: actor, action: action, subjectKind: "user", subjectId: username,
            facts: .roleChanged(from: before.map { AuditRoleGrant(role: $0.role, scope: $0.scope) }, to: AuditRoleGrant(role: role, scope: scope)))
    }
}
