import Foundation
import OtklikCore
import OtklikStore
import Testing

@Suite struct ReferenceAndAccessContractTests {
    @Test(arguments: TestEngine.available)
    func migrationsRunOnceAndReopenCleanly(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let applied = try await Migrator().migrate(database.sql, logger: TestEngine.logger)
            #expect(applied.isEmpty)
            let rows = try await database.sql.query("SELECT id FROM otklik_migrations ORDER BY id")
            #expect(rows.compactMap { $0.text("id") } == Migrations.all.map(\.id))
        }
    }

    /// `available_online` round-trips on both engines (migration 0018b): true, false and not stated.
    @Test(arguments: TestEngine.available)
    func servicesKeepWhetherTheyAreAvailableOnline(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let reference = database.reference
            let services = [
                Service(code: "SV1", name: "Вклад", availableOnline: true), Service(code: "SV2", name: "Ипотека", availableOnline: false),
                Service(code: "SV3", name: "Сейф"),
            ]
            for service in services { try await reference.save(service) }
            #expect(try await reference.services() == services)
            try await reference.save(Service(code: "SV3", name: "Сейф", availableOnline: false))
            #expect(try await reference.services().last?.availableOnline == false)
        }
    }

    /// The four lists read in one statement are the four read one by one, each in code order, with every column (a
    /// staff member's eight, a location without a region or address, a service's three states of `available_online`),
    /// on both engines; and empty lists when nothing is stored.
    @Test(arguments: TestEngine.available)
    func theListsReadTogetherAreTheListsReadOneByOne(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let reference = database.reference
            #expect(try await reference.lists() == ReferenceLists())
            for region in [Region(code: "R2", name: "Юг"), Region(code: "R1", name: "Москва")] { try await reference.save(region) }
            try await reference.save(Location(code: "L2", name: "Офис без региона"))
            try await reference.save(Location(code: "L1", name: "Офис на Тверской", region: "R1", address: "ул. Тверская, 1"))
            try await reference.save(
                Staff(code: "S2", name: "Анна", location: "L1", role: "manager", email: "anna@example.ru", team: "T1", hiredOn: "2024-01-15", leftOn: "2026-06-30"))
            try await reference.save(Staff(code: "S1", name: "Иван"))
            for service in [Service(code: "SV3", name: "Сейф"), Service(code: "SV1", name: "Вклад", availableOnline: true), Service(code: "SV2", name: "Ипотека", availableOnline: false)] {
                try await reference.save(service)
            }
            let lists = try await reference.lists()
            #expect(lists.regions == (try await reference.regions()))
            #expect(lists.locations == (try await reference.locations()))
            #expect(lists.staff == (try await reference.staff()))
            #expect(lists.services == (try await reference.services()))
            #expect(lists.regions.map(\.code) == ["R1", "R2"] && lists.staff.map(\.code) == ["S1", "S2"] && lists.services.map(\.code) == ["SV1", "SV2", "SV3"])
            #expect(lists.staff.last?.leftOn == "2026-06-30" && lists.locations.last?.region == nil && lists.services.last?.availableOnline == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func referenceCrudAndDeleteProtection(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let reference = database.reference
            try await reference.save(Region(code: "R1", name: "Москва"))
            try await reference.save(Location(code: "L1", name: "Офис", region: "R1", address: "ул. Тверская, 1"))
            try await reference.save(Location(code: "L1", name: "Офис на Тверской", region: "R1"))
            #expect(try await reference.locations() == [Location(code: "L1", name: "Офис на Тверской", region: "R1")])
            await #expect(throws: OtklikError.self) { try await reference.save(Location(code: "L2", name: "X", region: "nope")) }
            await #expect(throws: OtklikError.self) { try await reference.save(Location(code: "bad code", name: "X")) }
            await #expect(throws: OtklikError.self) { try await reference.save(Service(code: "SV", name: "  ")) }
            do {
                try await reference.delete(.region, code: "R1")
                Issue.record("a region in use was deleted")
            } catch let error as OtklikError {
                #expect(error.code == .conflict)
            }
            try await reference.delete(.location, code: "L1")
            try await reference.delete(.region, code: "R1")
            #expect(try await reference.regions().isEmpty)
            do {
                try await reference.delete(.staff, code: "none")
                Issue.record("deleting a missing code succeeded")
            } catch let error as OtklikError {
                #expect(error.code == .notFound)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func organisationSettings(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            #expect(try await database.reference.organisation().timezone == "UTC")
            try await database.reference.save(Organisation(name: "Банк", timezone: "Europe/Moscow", defaultLang: "en"))
            #expect(try await database.reference.organisation() == Organisation(name: "Банк", timezone: "Europe/Moscow", defaultLang: "en"))
            await #expect(throws: OtklikError.self) {
                try await database.reference.save(Organisation(name: "Банк", timezone: "Mars/Olympus", defaultLang: "en"))
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func usersAndSessions(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let access = database.access
            try await access.createUser(username: "anna", passwordHash: "$2b$hash", role: .manager)
            await #expect(throws: OtklikError.self) { try await access.createUser(username: "anna", passwordHash: "x", role: .viewer) }
            #expect(try await access.user(username: "anna")?.role == .manager)
            let token = try await access.createSession(username: "anna", lifetime: .seconds(3600))
            #expect(try await access.sessionUser(token: token)?.username == "anna")
            #expect(try await access.sessionUser(token: token + "x") == nil)
            let stored = try await database.sql.query("SELECT token_hash FROM sessions")
            #expect(stored.first?.text("token_hash") != token, "the session secret itself must not be stored")
            try await access.deleteSession(token: token)
            #expect(try await access.sessionUser(token: token) == nil)
            let expired = try await access.createSession(username: "anna", lifetime: .seconds(0))
            #expect(try await access.sessionUser(token: expired) == nil)
            let other = try await access.createSession(username: "anna", lifetime: .seconds(3600))
            try await access.setPassword(username: "anna", passwordHash: "$2b$new")
            #expect(try await access.sessionUser(token: other) == nil, "a password change ends sessions")
        }
    }

    @Test(arguments: TestEngine.available)
    func apiKeysAreHashedAndRevocable(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let access = database.access
            let (key, secret) = try await access.createApiKey(name: "kiosk gateway")
            #expect(secret.hasPrefix("otk_\(key.id)_"))
            #expect(try await access.verifyApiKey(secret)?.id == key.id)
            let tampered = secret.dropLast() + (secret.hasSuffix("A") ? "B" : "A")
            #expect(try await access.verifyApiKey(String(tampered)) == nil)
            #expect(try await access.verifyApiKey("otk_\(key.id)_") == nil)
            #expect(try await access.verifyApiKey("garbage") == nil)
            let rows = try await database.sql.query("SELECT key_hash FROM api_keys")
            #expect(rows.first?.text("key_hash")?.contains(secret) == false)
            try await access.revokeApiKey(id: key.id)
            #expect(try await access.verifyApiKey(secret) == nil)
            await #expect(throws: OtklikError.self) { try await access.revokeApiKey(id: key.id) }
            #expect(try await access.apiKeys().first?.revokedAt != nil)
        }
    }

    /// A verified key is served from memory for the cache's life (an API request does not read it each time), a
    /// revocation through the same repository is seen at once, and one by another process (here: another repository
    /// on the same database) once the cached verification is older than the cache's life.
    @Test(arguments: TestEngine.available)
    func verifiedKeysAreCachedBrieflyAndRevocationClearsThem(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let otherProcess = SQLAccessRepository(database: database.sql)
            let longLived = SQLAccessRepository(database: database.sql, keyCacheLife: .seconds(600))
            let (first, firstSecret) = try await otherProcess.createApiKey(name: "first", scope: .write, area: .organisation)
            #expect(try await longLived.verifyApiKey(firstSecret)?.id == first.id)
            try await otherProcess.revokeApiKey(id: first.id)
            #expect(try await otherProcess.verifyApiKey(firstSecret) == nil)
            #expect(try await longLived.verifyApiKey(firstSecret)?.id == first.id, "served from memory, not read again")

            let life = Duration.milliseconds(300)
            let server = SQLAccessRepository(database: database.sql, keyCacheLife: life)
            let (second, secondSecret) = try await otherProcess.createApiKey(name: "second", scope: .write, area: .organisation)
            #expect(try await server.verifyApiKey(secondSecret)?.id == second.id)
            try await otherProcess.revokeApiKey(id: second.id)
            try await Task.sleep(for: life + .milliseconds(50))
            #expect(try await server.verifyApiKey(secondSecret) == nil, "another process's revocation seen once the cache's life is over")

            let (third, thirdSecret) = try await longLived.createApiKey(name: "third", scope: .write, area: .organisation)
            #expect(try await longLived.verifyApiKey(thirdSecret)?.id == third.id)
            try await longLived.revokeApiKeys(named: "third")
            #expect(try await longLived.verifyApiKey(thirdSecret) == nil, "a revocation through this repository is seen at once")
        }
    }
}
