import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Issue 21 item 3 in the store: users and API keys keep their role or key scope and their regions or locations on
/// both engines; an unknown region or location is refused naming it, with nothing written; migration 0037 renames
/// the old roles and makes every existing key `admin`.
@Suite struct RolesContractTests {
    static func hierarchy(_ database: AppDatabase) async throws {
        try await database.reference.save(Region(code: "R1", name: "Москва"))
        try await database.reference.save(Region(code: "R2", name: "Казань"))
        try await database.reference.save(Location(code: "L01", name: "Тверская", region: "R1"))
        try await database.reference.save(Location(code: "L02", name: "Арбат", region: "R1"))
        try await database.reference.save(Location(code: "L03", name: "Баумана", region: "R2"))
    }

    @Test(arguments: TestEngine.available)
    func usersKeepTheirRoleAndScope(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.hierarchy(database)
            let access = database.access
            try await access.createUser(username: "olga", passwordHash: "x", role: .locationManager, scope: .locations(["L01", "L02"]))
            try await access.createUser(username: "ivan", passwordHash: "x", role: .regionalManager, scope: .regions(["R2"]))
            try await access.createUser(username: "dina", passwordHash: "x", role: .cxDirector)
            let olga = try #require(try await access.user(username: "olga"))
            #expect(olga.role == .locationManager && olga.scope == .locations(["L01", "L02"]))
            let token = try await access.createSession(username: "ivan", lifetime: .seconds(3600))
            #expect(try await access.sessionUser(token: token)?.scope == .regions(["R2"]), "the session carries the scope")
            let listed = try await access.users()
            #expect(listed.map(\.username) == ["dina", "ivan", "olga"])
            #expect(listed.map(\.role) == [.cxDirector, .regionalManager, .locationManager])
            #expect(listed.map(\.scope) == [.organisation, .regions(["R2"]), .locations(["L01", "L02"])])
        }
    }

    @Test(arguments: TestEngine.available)
    func anUnknownLocationOrRegionIsRefusedAndNothingWritten(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.hierarchy(database)
            let access = database.access
            do {
                try await access.createUser(username: "petr", passwordHash: "x", role: .locationManager, scope: .locations(["L01", "L99"]))
                Issue.record("an unknown location was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "locations" && error.message.contains("L99"), "\(error)")
            }
            #expect(try await access.user(username: "petr") == nil, "no user half-written")
            #expect(try await database.sql.query("SELECT code FROM access_scopes").isEmpty, "no scope row half-written")
            do {
                _ = try await access.createApiKey(name: "k", scope: .read, area: .regions(["R9"]))
                Issue.record("an unknown region was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "regions" && error.message.contains("R9"), "\(error)")
            }
            #expect(try await access.apiKeys().isEmpty, "no key half-written")
            // A manager of part of the organisation must be given that part.
            await #expect(throws: OtklikError.self) {
                try await access.createUser(username: "petr", passwordHash: "x", role: .locationManager, scope: .organisation)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func apiKeysKeepTheirScopeAndArea(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.hierarchy(database)
            let access = database.access
            let (reader, readSecret) = try await access.createApiKey(name: "bi", scope: .read, area: .regions(["R1"]))
            let (_, adminSecret) = try await access.createApiKey(name: "ops")
            let verified = try #require(try await access.verifyApiKey(readSecret))
            #expect(verified.id == reader.id && verified.scope == .read && verified.area == .regions(["R1"]))
            #expect(try await access.verifyApiKey(adminSecret)?.scope == .admin, "a key made without a scope is admin, as before")
            #expect(try await access.apiKeys().map(\.scope) == [.read, .admin])
            #expect(try await access.apiKeys().map(\.area) == [.regions(["R1"]), .organisation])
        }
    }

    /// `setRole` changes role and scope together, all or nothing: the old scope rows go, an unknown location or a
    /// location manager without locations changes nothing, the last administrator stays one, and an unknown user is
    /// 404. A session's start is the user's last sign-in (migration 0044).
    @Test(arguments: TestEngine.available)
    func aUsersRoleAndScopeChangeTogether(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.hierarchy(database)
            let access = database.access
            try await access.createUser(username: "olga", passwordHash: "x", role: .locationManager, scope: .locations(["L01", "L02"]))
            try await access.createUser(username: "adam", passwordHash: "x", role: .administrator)
            #expect(try await access.user(username: "olga")?.lastLoginAt == nil, "never signed in")

            try await access.setRole(username: "olga", role: .regionalManager, scope: .regions(["R2"]))
            var olga = try #require(try await access.user(username: "olga"))
            #expect(olga.role == .regionalManager && olga.scope == .regions(["R2"]))
            let rows = try await database.sql.query("SELECT kind, code FROM access_scopes WHERE principal = 'olga'")
            #expect(try rows.map { "\(try $0.string("kind")):\(try $0.string("code"))" } == ["region:R2"], "the old locations are gone")

            for (role, scope, field) in [
                (Role.locationManager, OrganisationScope.locations(["L01", "L99"]), "locations"),
                (.locationManager, .organisation, "locations"),
                (.regionalManager, .regions(["R9"]), "regions"),
            ] {
                do {
                    try await access.setRole(username: "olga", role: role, scope: scope)
                    Issue.record("\(role) over \(scope.description) was accepted")
                } catch let error as OtklikError {
                    #expect(error.field == field, "\(error)")
                }
            }
            olga = try #require(try await access.user(username: "olga"))
            #expect(olga.role == .regionalManager && olga.scope == .regions(["R2"]), "nothing changed by a refusal")

            do {
                try await access.setRole(username: "adam", role: .viewer, scope: .organisation)
                Issue.record("the last administrator was demoted")
            } catch let error as OtklikError {
                #expect(error.field == "role" && error.message.contains("last administrator"), "\(error)")
            }
            try await access.setRole(username: "olga", role: .administrator, scope: .organisation)
            try await access.setRole(username: "adam", role: .viewer, scope: .organisation)
            #expect(try await access.user(username: "adam")?.role == .viewer, "another administrator remains")
            #expect(try await access.users().first { $0.username == "olga" }?.scope == .organisation)

            do {
                try await access.setRole(username: "nobody", role: .viewer, scope: .organisation)
                Issue.record("an unknown user was accepted")
            } catch let error as OtklikError {
                #expect(error.code == .notFound && error.field == "username")
            }

            let before = Date()
            let token = try await access.createSession(username: "adam", lifetime: .seconds(60))
            let signedIn = try #require(try await access.user(username: "adam")?.lastLoginAt)
            #expect(abs(signedIn.timeIntervalSince(before)) < 60, "the session's start")
            #expect(try await access.sessionUser(token: token)?.lastLoginAt == signedIn)
            #expect(try await access.users().first { $0.username == "adam" }?.lastLoginAt == signedIn)
        }
    }

    /// Migration 0037 on a database made before it: admin → administrator, manager → cx_director, viewer stays;
    /// an existing key becomes admin over the whole organisation.
    @Test func theMigrationRenamesOldRolesAndKeepsOldKeysWorking() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-roles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("old.sqlite").path
        let sql = try SQLiteDatabase(path: path)
        try await Migrator(migrations: Migrations.all.filter { $0.id < "0037" }).migrate(sql, logger: TestEngine.logger)
        for (name, role) in [("a", "admin"), ("m", "manager"), ("v", "viewer")] {
            try await sql.execute("INSERT INTO users (username, password_hash, role, created_at) VALUES (?, 'x', ?, 1)", [.text(name), .text(role)])
        }
        try await sql.execute("INSERT INTO api_keys (id, name, key_hash, created_at) VALUES ('old', 'gateway', 'h', 1)")
        try await sql.close()
        let database = try await AppDatabase.open("sqlite:\(path)", logger: TestEngine.logger)
        do {
            let stored = try await database.sql.query("SELECT username, role FROM users ORDER BY username").map { try $0.string("role") }
            #expect(stored == ["administrator", "cx_director", "viewer"])
            #expect(try await database.access.users().map(\.role) == [.administrator, .cxDirector, .viewer])
            let key = try #require(try await database.access.apiKeys().first)
            #expect(key.scope == .admin && key.area == .organisation)
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// Administrators demoted at the same moment (each seeing the others as "another administrator"): all but one change
    /// goes through, the last is refused as the last administrator's, and one administrator is left — eight at once,
    /// ten rounds, on PostgreSQL (where a role change holds an advisory lock) as on SQLite (one writer at a time).
    @Test(arguments: TestEngine.available)
    func concurrentDemotionsLeaveOneAdministrator(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let access = database.access
            var survivor: String?
            for round in 0..<10 {
                let names = (0..<8).map { "a\(round)-\($0)" }
                for name in names { try await access.createUser(username: name, passwordHash: "x", role: .administrator, scope: .organisation) }
                if let survivor { try await access.setRole(username: survivor, role: .viewer, scope: .organisation) }
                let demoted = try await withThrowingTaskGroup(of: Bool.self) { group in
                    for name in names { group.addTask { try await Self.demote(access, name) } }
                    return try await group.reduce(into: 0) { count, done in count += done ? 1 : 0 }
                }
                #expect(demoted == names.count - 1, "round \(round): all demotions but one")
                let administrators = try await access.users().filter { $0.role == .administrator }.map(\.username)
                #expect(administrators.count == 1, "round \(round): \(administrators)")
                survivor = administrators.first
            }
        }
    }

    /// Whether the demotion went through (false: refused as the last administrator's).
    static func demote(_ access: any AccessRepository, _ username: String) async throws -> Bool {
        do {
            try await access.setRole(username: username, role: .cxDirector, scope: .organisation)
            return true
        } catch let error as OtklikError where error.field == "role" {
            return false
        }
    }
}
