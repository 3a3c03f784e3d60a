import Foundation
import OtklikCore

/// The audit entry of a change of a user's role and scope (`otklik user role`, `/admin/users`): action `role`, subject
/// kind `user`, the detail "was → now" (`viewer over organisation → location_manager over locations L01`).
public enum UserRoleAudit {
    public static let action = "role"

    public static func entry(actor: String, username: String, before: User?, role: Role, scope: OrganisationScope, at: Date = Date()) -> AuditEntry {
        let was = before.map { "\($0.role.rawValue) over \($0.scope.description)" } ?? "-"
        return AuditEntry(
            at: at, actor: actor, action: action, subjectKind: "user", subjectId: username,
            detail: "\(was) → \(role.rawValue) over \(scope.description)")
    }
}
