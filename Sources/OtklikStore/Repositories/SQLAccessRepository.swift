import Foundation
import OtklikCore

/// ``AccessRepository`` over either SQL engine.
public struct SQLAccessRepository: AccessRepository {
    let database: any SQLDatabase
    /// Keys verified in the last second (``ApiKeyCache``): an API request does not read its key from the database each time.
    let verifiedKeys: ApiKeyCache

    public init(database: any SQLDatabase, keyCacheLife: Duration = .seconds(1)) {
        self.database = database
        self.verifiedKeys = ApiKeyCache(life: keyCacheLife)
    }

    static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    public func createUser(username: String, passwordHash: String, role: UserRole, scope: OrganisationScope) async throws {
        try Identifier.validate(username, field: "username")
        try RoleAssignment.check(role: role, scope: scope)
        try await database.transaction { tx in
            if try await !tx.query("SELECT username FROM users WHERE username = ?", [.text(username)]).isEmpty {
                throw OtklikError(.conflict, "user '\(username)' already exists", field: "username")
            }
            try await Self.checkCodes(of: scope, tx)
            try await tx.execute(
                "INSERT INTO users (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)",
                [.text(username), .text(passwordHash), .text(role.rawValue), .int(Self.now())])
            try await Self.insertScope(scope, kind: "user", principal: username, tx)
        }
    }

    public func users() async throws -> [User] {
        let scopes = try await allScopes(kind: "user")
        return try await database.query("SELECT username, password_hash, role, staff_code, last_login_at FROM users ORDER BY username").map {
            var user = try Self.user(row: $0)
            user.scope = OrganisationScope.from(rows: scopes[user.username] ?? [])
            return user
        }
    }

    public func user(username: String) async throws -> User? {
        guard var user = try await database.query("SELECT username, password_hash, role, staff_code, last_login_at FROM users WHERE username = ?", [.text(username)])
            .first.map(Self.user(row:)) else { return nil }
        user.scope = try await scope(kind: "user", principal: username)
        return user
    }

    /// Refuses a scope naming a region or location the reference data lacks (field `regions` or `locations`).
    static func checkCodes(of scope: OrganisationScope, _ tx: any SQLExecutor) async throws {
        for row in scope.rows {
            let table = row.kind == "region" ? "regions" : "locations"
            if try await tx.query("SELECT code FROM \(table) WHERE code = ?", [.text(row.code)]).isEmpty {
                throw OtklikError.invalid(table, "unknown \(row.kind) '\(row.code)'")
            }
        }
    }

    static func insertScope(_ scope: OrganisationScope, kind: String, principal: String, _ tx: any SQLExecutor) async throws {
        for row in scope.rows {
            try await tx.execute(
                "INSERT INTO access_scopes (principal_kind, principal, kind, code) VALUES (?, ?, ?, ?)",
                [.text(kind), .text(principal), .text(row.kind), .text(row.code)])
        }
    }

    func scope(kind: String, principal: String) async throws -> OrganisationScope {
        let rows = try await database.query(
            "SELECT kind, code FROM access_scopes WHERE principal_kind = ? AND principal = ?", [.text(kind), .text(principal)])
        return OrganisationScope.from(rows: try rows.map { (kind: try $0.string("kind"), code: try $0.string("code")) })
    }

    func allScopes(kind: String) async throws -> [String: [(kind: String, code: String)]] {
        var result: [String: [(kind: String, code: String)]] = [:]
        for row in try await database.query("SELECT principal, kind, code FROM access_scopes WHERE principal_kind = ?", [.text(kind)]) {
            result[try row.string("principal"), default: []].append((kind: try row.string("kind"), code: try row.string("code")))
        }
        return result
    }

    public func setPassword(username: String, passwordHash: String, endingSessions: Bool) async throws {
        guard try await user(username: username) != nil else {
            throw OtklikError(.notFound, "no user '\(username)'", field: "username")
        }
        try await database.execute("UPDATE users SET password_hash = ? WHERE username = ?", [.text(passwordHash), .text(username)])
        if endingSessions { try await database.execute("DELETE FROM sessions WHERE username = ?", [.text(username)]) }
    }

    /// The advisory lock a role change holds on PostgreSQL (for the last-administrator check).
    static let roleChangeLock: Int64 = 0x726F_6C65

    public func setRole(username: String, role: UserRole, scope: OrganisationScope) async throws {
        try RoleAssignment.check(role: role, scope: scope)
        try await database.transaction { tx in
            // Role changes one at a time on PostgreSQL (SQLite's BEGIN IMMEDIATE already serialises writers): two
            // administrators demoting each other at once would otherwise each see the other still administrator.
            if tx.dialect == .postgres {
                _ = try await tx.query("SELECT 1 AS held FROM (SELECT pg_advisory_xact_lock(?)) AS lock", [.int(Self.roleChangeLock)])
            }
            guard let row = try await tx.query("SELECT role FROM users WHERE username = ?", [.text(username)]).first else {
                throw OtklikError(.notFound, "no user '\(username)'", field: "username")
            }
            if Role(name: try row.string("role")) == .administrator, role != .administrator {
                let others = try await tx.query(
                    "SELECT username FROM users WHERE role IN ('administrator', 'admin') AND username <> ?", [.text(username)])
                if others.isEmpty {
                    throw OtklikError.invalid("role", "'\(username)' is the last administrator: make another user administrator first")
                }
            }
            try await Self.checkCodes(of: scope, tx)
            try await tx.execute("UPDATE users SET role = ? WHERE username = ?", [.text(role.rawValue), .text(username)])
            try await tx.execute("DELETE FROM access_scopes WHERE principal_kind = 'user' AND principal = ?", [.text(username)])
            try await Self.insertScope(scope, kind: "user", principal: username, tx)
        }
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
        var user = User(username: try row.string("username"), passwordHash: try row.string("password_hash"),
             role: Role(name: try row.string("role")) ?? .viewer, staff: row.text("staff_code"))
        user.lastLoginAt = row.int64("last_login_at").map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return user
    }

    public func createSession(username: String, lifetime: Duration) async throws -> String {
        let token = SecretToken.random(bytes: 32)
        let expires = Self.now() + lifetime.components.seconds * 1000
        try await database.transaction { tx in
            try await tx.execute("DELETE FROM sessions WHERE expires_at < ?", [.int(Self.now())])
            try await tx.execute(
                "INSERT INTO sessions (token_hash, username, expires_at) VALUES (?, ?, ?)",
                [.text(SecretToken.hash(token)), .text(username), .int(expires)])
            try await tx.execute("UPDATE users SET last_login_at = ? WHERE username = ?", [.int(Self.now()), .text(username)])
        }
        return token
    }

    public func sessionUser(token: String) async throws -> User? {
        guard var user = try await database.query(
            """
            SELECT u.username, u.password_hash, u.role, u.staff_code, u.last_login_at FROM sessions s JOIN users u ON u.username = s.username
            WHERE s.token_hash = ? AND s.expires_at > ?
            """, [.text(SecretToken.hash(token)), .int(Self.now())]
        ).first.map(Self.user(row:)) else { return nil }
        user.scope = try await scope(kind: "user", principal: user.username)
        return user
    }

    public func deleteSession(token: String) async throws {
        try await database.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(SecretToken.hash(token))])
    }

    public func createApiKey(name: String, scope: ApiKeyScope, area: OrganisationScope) async throws -> (ApiKey, secret: String) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 100 else { throw OtklikError.invalid("name", "key name must be 1-100 characters") }
        let id = SecretToken.identifier(length: 10)
        let secret = "otk_\(id)_\(SecretToken.random(bytes: 32))"
        let now = Self.now()
        try await database.transaction { tx in
            try await Self.checkCodes(of: area, tx)
            try await tx.execute(
                "INSERT INTO api_keys (id, name, key_hash, created_at, scope) VALUES (?, ?, ?, ?, ?)",
                [.text(id), .text(trimmed), .text(SecretToken.hash(secret)), .int(now), .text(scope.rawValue)])
            try await Self.insertScope(area, kind: "api_key", principal: id, tx)
        }
        let key = ApiKey(id: id, name: trimmed, createdAt: Date(timeIntervalSince1970: TimeInterval(now) / 1000), scope: scope, area: area)
        return (key, secret)
    }

    public func verifyApiKey(_ secret: String) async throws -> ApiKey? {
        let parts = secret.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, parts[0] == "otk" else { return nil }
        let hash = SecretToken.hash(secret)
        if let key = verifiedKeys.key(hash: hash) { return key }
        let generation = verifiedKeys.generation
        // The key and its area in one query (a row per area entry; one with no entry when the key has none): every API
        // request runs this, and each query is a hop to a database thread and back.
        let rows = try await database.query(
            """
            SELECT k.id, k.name, k.key_hash, k.created_at, k.revoked_at, k.scope, a.kind AS area_kind, a.code AS area_code
            FROM api_keys k LEFT JOIN access_scopes a ON a.principal_kind = 'api_key' AND a.principal = k.id WHERE k.id = ?
            """, [.text(String(parts[1]))])
        guard let row = rows.first, row.int64("revoked_at") == nil,
            SecretToken.constantTimeEquals(try row.string("key_hash"), hash)
        else { return nil }
        var key = try Self.apiKey(row: row)
        key.area = OrganisationScope.from(rows: rows.compactMap { row in
            row.text("area_kind").flatMap { kind in row.text("area_code").map { (kind: kind, code: $0) } }
        })
        verifiedKeys.store(key, hash: hash, readIn: generation)
        return key
    }

    public func revokeApiKey(id: String) async throws {
        let rows = try await database.query("SELECT id FROM api_keys WHERE id = ? AND revoked_at IS NULL", [.text(id)])
        guard !rows.isEmpty else { throw OtklikError(.notFound, "no live API key with id '\(id)'", field: "id") }
        try await database.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ?", [.int(Self.now()), .text(id)])
        verifiedKeys.removeAll()
    }

    @discardableResult public func revokeApiKeys(named name: String) async throws -> Int {
        let rows = try await database.query("SELECT id FROM api_keys WHERE name = ? AND revoked_at IS NULL", [.text(name)])
        guard !rows.isEmpty else { return 0 }
        try await database.execute("UPDATE api_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", [.int(Self.now()), .text(name)])
        verifiedKeys.removeAll()
        return rows.count
    }

    public func apiKeys() async throws -> [ApiKey] {
        let scopes = try await allScopes(kind: "api_key")
        return try await database.query("SELECT id, name, created_at, revoked_at, scope FROM api_keys ORDER BY created_at, id").map {
            var key = try Self.apiKey(row: $0)
            key.area = OrganisationScope.from(rows: scopes[key.id] ?? [])
            return key
        }
    }

    static func apiKey(row: SQLRow) throws -> ApiKey {
        ApiKey(
            id: try row.string("id"), name: try row.string("name"),
            createdAt: Date(timeIntervalSince1970: TimeInterval(row.int64("created_at") ?? 0) / 1000),
            revokedAt: row.int64("revoked_at").map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) },
            scope: row.text("scope").flatMap(ApiKeyScope.init(rawValue:)) ?? .read)
    }
}
