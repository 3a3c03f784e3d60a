import Foundation
import Logging
import OtklikStore
import OtklikTestSupport

/// The engines the contract suite runs on: SQLite always, PostgreSQL when `OTKLIK_TEST_POSTGRES_URL`
/// names a server (scripts/test starts one). Each test gets a fresh database of its own.
enum TestEngine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["OTKLIK_TEST_POSTGRES_URL"]

    /// The engines available here. In CI (`CI=true`) PostgreSQL is required, never skipped.
    static var available: [TestEngine] {
        if postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" { return [.sqlite, .postgres] }
        FileHandle.standardError.write(Data("note: OTKLIK_TEST_POSTGRES_URL is not set; PostgreSQL contract tests skipped (scripts/test sets it)\n".utf8))
        return [.sqlite]
    }

    var testDescription: String { rawValue }

    static let logger: Logger = {
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        return logger
    }()

    /// Opens a fresh, migrated database on this engine, runs `body`, then removes the database.
    func withDatabase<T>(_ body: (AppDatabase) async throws -> T) async throws -> T {
        try await withDatabaseAndURL { database, _ in try await body(database) }
    }

    /// As ``withDatabase(_:)``, with the database's URL, so that a test can open it again (a second server, a restart).
    func withDatabaseAndURL<T>(_ body: (AppDatabase, String) async throws -> T) async throws -> T {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            // A copy of one migrated database (MigratedTemplate); opening it finds no pending migration.
            try await MigratedTemplate.shared.copySQLite(to: "\(directory.path)/test.sqlite")
            let url = "sqlite:\(directory.path)/test.sqlite"
            let database = try await AppDatabase.open(url, logger: Self.logger)
            do {
                let result = try await body(database, url)
                try await database.close()
                return result
            } catch {
                try? await database.close()
                throw error
            }
        case .postgres:
            guard let base = Self.postgresURL else {
                throw TestSetupError("CI=true but OTKLIK_TEST_POSTGRES_URL is not set: run the tests with scripts/test")
            }
            let name = "otklik_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let template = try await MigratedTemplate.shared.postgresTemplate(baseURL: base)
            let admin = try PostgresDatabase(url: base, logger: Self.logger)
            try await admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
            var components = URLComponents(string: base)!
            components.path = "/\(name)"
            do {
                let database = try await AppDatabase.open(components.string!, logger: Self.logger)
                let result: T
                do {
                    result = try await body(database, components.string!)
                } catch {
                    try? await database.close()
                    throw error
                }
                try await database.close()
                try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
                try await admin.close()
                return result
            } catch {
                try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
                try? await admin.close()
                throw error
            }
        }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

import Testing
