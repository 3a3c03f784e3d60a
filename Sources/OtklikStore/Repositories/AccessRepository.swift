import Foundation

/// Dashboard users, their sessions, and API keys. Only hashes of secrets are stored.
public protocol AccessRepository: Sendable {
    func createUser(username: String, passwordHash: String, role: UserRole) async throws
    func user(username: String) async throws -> User?
    /// Sets a user's password; `endingSessions` (the default) signs the user out everywhere.
    func setPassword(username: String, passwordHash: String, endingSessions: Bool) async throws
    /// Links a dashboard user to the staff member whose notifications they read (nil unlinks).
    func setStaff(username: String, staff: String?) async throws
    /// Starts a session and returns its secret token (for the cookie); only its hash is stored.
    func createSession(username: String, lifetime: Duration) async throws -> String
    func sessionUser(token: String) async throws -> User?
    func deleteSession(token: String) async throws
    /// Creates an API key and returns it whole, once.
    func createApiKey(name: String) async throws -> (ApiKey, secret: String)
    /// The key's record when the presented secret is a live key, nil otherwise.
    func verifyApiKey(_ secret: String) async throws -> ApiKey?
    func revokeApiKey(id: String) async throws
    /// Revokes every live key called `name`; returns how many were revoked.
    @discardableResult func revokeApiKeys(named name: String) async throws -> Int
    func apiKeys() async throws -> [ApiKey]
}

extension AccessRepository {
    /// Sets a user's password and ends their sessions.
    public func setPassword(username: String, passwordHash: String) async throws {
        try await setPassword(username: username, passwordHash: passwordHash, endingSessions: true)
    }
}

public enum UserRole: String, Sendable, Codable {
    case admin
    case manager
    case viewer
}

public struct User: Sendable, Equatable {
    public var username: String
    public var passwordHash: String
    public var role: UserRole
    /// The staff member this user is (their notifications, their cases); nil when not linked.
    public var staff: String?

    public init(username: String, passwordHash: String, role: UserRole, staff: String? = nil) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.staff = staff
    }
}

public struct ApiKey: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var createdAt: Date
    public var revokedAt: Date?
}
