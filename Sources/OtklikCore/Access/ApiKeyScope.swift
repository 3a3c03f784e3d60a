/// What an API key may do: `read` (every GET except the audit log), `write` (also every write except users, keys
/// and the audit log), `admin` (everything). Keys created before migration 0037 are `admin`.
public enum ApiKeyScope: String, Sendable, CaseIterable, Codable {
    case read
    case write
    case admin

    public var permissions: Set<Permission> { RolePermissions.permissions(of: self) }
}
