import Foundation
import OtklikStore
import Testing

/// Migrations keep their order and never run on a database a newer binary has migrated.
@Suite struct MigrationTests {
    @Test func idsAreUniqueAndInOrder() {
        let ids = Migrations.all.map(\.id)
        #expect(Set(ids).count == ids.count, "a migration id appears twice")
        #expect(ids == ids.sorted(), "migrations are listed in the order of their ids")
        #expect(ids.allSatisfy { $0.range(of: #"^\d{4}[a-z]?_[a-z0-9_]+$"#, options: .regularExpression) != nil })
    }

    /// One file a migration, named after its id.
    @Test func eachMigrationHasItsOwnFile() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/OtklikStore/Migrations")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("M0") }.sorted()
        #expect(files == Migrations.all.map { "M\($0.id).swift" })
    }

    @Test(arguments: TestEngine.available)
    func refusesADatabaseNewerThanTheBinary(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.sql.execute("INSERT INTO otklik_migrations (id, applied_at) VALUES ('9999_from_the_future', 0)")
            await #expect(throws: StoreError.self) { try await Migrator().migrate(database.sql, logger: TestEngine.logger) }
            do {
                try await Migrator().migrate(database.sql, logger: TestEngine.logger)
            } catch {
                #expect("\(error)".contains("9999_from_the_future"))
            }
        }
    }
}
