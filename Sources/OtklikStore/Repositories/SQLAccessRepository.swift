import Foundation
import OtklikCore

/// ``AccessRepository`` over either SQL engine.
public struct SQLAccessRepository: AccessRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    public func createUser(username: String, passwordHash: String, role: UserRole) async throws {
        try Identifier.validate(username, field: "username")
        try await database.transaction { tx in
            if try await !tx.query("SELECT username FROM users WHERE username = ?", [.text(username)]).isEmpty {
                throw OtklikError(.conflict, "user '\(username)' already exists", field: "username")
            }
            try await tx.execute(
                "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                [.text(username), .text(passwordHash), .text(role.rawValue), .int(Self.now())])
        }
    }

    public func user(username: String) async throws -> User? {
        try await database.query("SELECT username, password_hash, role, staff_code FROM users WHERE username = ?", [.text(username)])
            .first.map(Self.user(row:))
    }

    public func setPassword(username: String, passwordHash: String, endingSessions: Bool) async throws {
        guard try await user(username: username) != nil else {
            throw OtklikError(.notFound, "no user '\(username)'", field: "username")
        }
        try await database.execute("UPDATE users SET password_hash = ? WHERE username = ?", [.text(passwordHash), .text(username)])
        if endingSessions { try await database.execute("DELETE FROM sessions WHERE username = ?", [.text(username)]) }
    }

    public func setStaff(username: String, staff: String?) async throws {
        guard try await user(username: username) != nil else {
            throw OtklikError(.notFound, "no user '\(username)'", field: "username")
        }
        if let staff, try await database.query("SELECT code FROM staff WHERE code = ?", [.text(staff)]).isEmpty {
            throw OtklikError.invalid("staff", "unknown staff code '\(staff)'")
        }
        try await database.execute("UPDATE users SET staff_code = ? WHERE username = ?", [SQLValue(staff), .text(username)])
    }

    static func user(row: SQLRow) throws -> User {
        User(username: try row.string("username"), passwordHash: try row.string("password_hash"),
             role: UserRole(rawValue: try row.string("role")) ?? .viewer, staff: row.text("staff_code"))
    }

    public func createSession(username: String, lifetime: Duration) async throws -> String {
        let token = SecretToken.random(bytes: 32)
        let expires = Self.now() + lifetime.components.seconds * 1000
        try await database.transaction { tx in
            try await tx.execute("DELETE FROM sessions WHERE expires_at < ?", [.int(Self.now())])
            try await tx.execute(
                "INSERT INTO sessions (token_hash, username, expires_at) VALUES (?, ?, ?)",
                [.text(SecretToken.hash(token)), .text(username), .int(expires)])
        }
        return token
    }

    public func sessionUser(token: String) async throws -> User? {
        try await database.query(
            """
            SELECT u.username, u.password_hash, u.role, u.staff_code FROM sessions s JOIN users u ON u.username = s.username
            WHERE s.token_hash = ? AND s.expires_at > ?
            """, [.text(SecretToken.hash(token)), .int(Self.now())]
        ).first.map(Self.user(row:))
    }

    public func deleteSession(token: String) async throws {
        try await database.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(SecretToken.hash(token))])
    }

    public func createApiKey(name: String) async throws -> (ApiKey, secret: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw OtklikError.invalid("name", "key name must be 1-100 characters") }
        let id = SecretToken.identifier(length: 10)
        let secret = "otk_\(id)_\(SecretToken.random(bytes: 32))"
        let now = Self.now()
        try await database.execute(
            "INSERT INTO api_keys (id, name, key_hash, created_at) VALUES (?, ?, ?, ?)",
            [.text(id), .text(trimmed), .text(SecretToken.hash(secret)), .int(now)])
        return (ApiKey(id: id, name: trimmed, createdAt: Date(timeIntervalSince1970: TimeInterval(now) / 1000)), secret)
    }

    public func verifyApiKey(_ secret: String) async throws -> ApiKey? {
        let parts = secret.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, parts[0] == "otk" else { return nil }
        guard let row = try await database.query(
            "SELECT id, name, key_hash, created_at, revoked_at FROM api_keys WHERE id = ?", [.text(String(parts[1]))]
        ).first, row.int64("revoked_at") == nil,
            SecretToken.constantTimeEquals(try row.string("key_hash"), SecretToken.hash(secret))
        else { return nil }
        return try Self.apiKey(row: row)
    }

    public func revokeApiKey(id: String) async throws {
        let rows = try await database.query("SELECT id FROM api_keys WHERE id = ? AND revoked_at IS NULL", [.text(id)])
        guard !rows.isEmpty else { throw OtklikError(.notFound, "no live API key with id '\(id)'", field: "id") }
        try await database.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", [.int(Self.now()), .text(id)])
    }

    @discardableResult public func revokeApiKeys(named name: String) async throws -> Int {
        let rows = try await database.query("SELECT id FROM api_keys WHERE name = ? AND revoked_at IS NULL", [.text(name)])
        guard !rows.isEmpty else { return 0 }
        try await database.execute("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", [.int(Self.now()), .text(name)])
        return rows.count
    }

    public func apiKeys() async throws -> [ApiKey] {
        try await database.query("SELECT id, name, created_at, revoked_at FROM api_keys ORDER BY created_at, id")
            .map(Self.apiKey(row:))
    }

    static func apiKey(row: SQLRow) throws -> ApiKey {
        ApiKey(
            id: try row.string("id"), name: try row.string("name"),
            createdAt: Date(timeIntervalSince1970: TimeInterval(row.int64("created_at") ?? 0) / 1000),
            revokedAt: row.int64("revoked_at").map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) })
    }
}
