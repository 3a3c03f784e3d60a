/// Who is calling, resolved once per request: a dashboard user or an API key, with what they may do and where.
public struct Principal: Sendable, Equatable {
    public enum Kind: String, Sendable { case user, apiKey = "api_key" }
    public var kind: Kind
    /// The user name or the key's id.
    public var name: String
    public var permissions: Set<Permission>
    public var scope: AccessScope
    /// The staff member a user is ("my cases"); nil for keys and unlinked users.
    public var staff: String?
    /// A staff-role user works only their own case queue.
    public var ownCasesOnly: Bool

    public init(kind: Kind, name: String, permissions: Set<Permission>, scope: AccessScope, staff: String? = nil, ownCasesOnly: Bool = false) {
        self.kind = kind
        self.name = name
        self.permissions = permissions
        self.scope = scope
        self.staff = staff
        self.ownCasesOnly = ownCasesOnly
    }

    public func holds(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// Throws 403 naming the permission when it is not held.
    public func require(_ permission: Permission) throws(OtklikError) {
        guard holds(permission) else {
            throw OtklikError(.forbidden, "this \(kind == .user ? "user" : "API key") lacks the permission '\(permission.rawValue)'")
        }
    }
}
