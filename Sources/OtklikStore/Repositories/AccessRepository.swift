import Foundation
import OtklikCore

/// Dashboard users, their sessions, and API keys. Only hashes of secrets are stored.
public protocol AccessRepository: Sendable {
    /// Creates a user of a role over part of the organisation; an unknown region or location is refused, nothing written.
    func createUser(username: String, passwordHash: String, role: UserRole, scope: OrganisationScope) async throws
    /// Every user, by name (for `otklik user list`).
    func users() async throws -> [User]
    func user(username: String) async throws -> User?
    /// Sets a user's password; `endingSessions` (the default) signs the user out everywhere.
    func setPassword(username: String, passwordHash: String, endingSessions: Bool) async throws
    /// Changes a user's role and scope together, all or nothing: an unknown user is 404 (field `username`), an unknown
    /// region or location is refused naming it, a manager of part of the organisation must be given that part, and
    /// the last administrator cannot stop being one (field `role`). Takes effect on the user's next request.
    func setRole(username: String, role: UserRole, scope: OrganisationScope) async throws
    /// Links a dashboard user to the staff member whose notifications they read (nil unlinks).
    func setStaff(username: String, staff: String?) async throws
    /// Starts a session and returns its secret token (for the cookie); only its hash is stored.
    func createSession(username: String, lifetime: Duration) async throws -> String
    func sessionUser(token: String) async throws -> User?
    func deleteSession(token: String) async throws
    /// Creates an API key and returns it whole, once.
    func createApiKey(name: String, scope: ApiKeyScope, area: OrganisationScope) async throws -> (ApiKey, secret: String)
    /// The key's record when the presented secret is a live key, nil otherwise.
    func verifyApiKey(_ secret: String) async throws -> ApiKey?
    func revokeApiKey(id: String) async throws
    /// Revokes every live key called `name`; returns how many were revoked.
    @discardableResult func revokeApiKeys(named name: String) async throws -> Int
    func apiKeys() async throws -> [ApiKey]
}

extension AccessRepository {
    /// A user over the whole organisation.
    public func createUser(username: String, passwordHash: String, role: UserRole) async throws {
        try await createUser(username: username, passwordHash: passwordHash, role: role, scope: .organisation)
    }

    /// An `admin` key over the whole organisation (what every key was before migration 0037).
    public func createApiKey(name: String) async throws -> (ApiKey, secret: String) {
        try await createApiKey(name: name, scope: .admin, area: .organisation)
    }

    /// Sets a user's password and ends their sessions.
    public func setPassword(username: String, passwordHash: String) async throws {
        try await setPassword(username: username, passwordHash: passwordHash, endingSessions: true)
    }
}

/// A user's role: ``Role`` (administrator, cx_director, regional_manager, location_manager, staff, viewer, device).
public typealias UserRole = Role

public struct User: Sendable, Equatable {
    public var username: String
    public var passwordHash: String
    public var role: UserRole
    /// The staff member this user is (their notifications, their cases); nil when not linked.
    public var staff: String?
    /// Where in the organisation the user reads and acts.
    public var scope: OrganisationScope
    /// When the user last signed in (a session started); nil when never.
    public var lastLoginAt: Date?

    public init(username: String, passwordHash: String, role: UserRole, staff: String? = nil, scope: OrganisationScope = .organisation) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.staff = staff
        self.scope = scope
    }
}

public struct ApiKey: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var createdAt: Date
    public var revokedAt: Date?
    /// What the key may do (read, write, admin); keys made before migration 0037 are admin.
    public var scope: ApiKeyScope = .admin
    /// Where in the organisation the key reads and writes.
    public var area: OrganisationScope = .organisation
}
