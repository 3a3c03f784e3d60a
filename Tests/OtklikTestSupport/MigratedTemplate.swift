import Foundation
import Logging
import OtklikStore

/// One migrated database per test process, copied for each test that needs a fresh one.
///
/// Hundreds of tests each open a fresh database; migrating every one of them (over forty migrations, each a durable
/// commit) ran hundreds of migrations at once on two cores and slowed everything else in the run down. A SQLite test
/// database is now a copy of one migrated, closed file; a PostgreSQL one is `CREATE DATABASE … TEMPLATE` of one
/// migrated database. The copy is what `AppDatabase.open` would have made: opening it finds no pending migration.
public actor MigratedTemplate {
    public static let shared = MigratedTemplate()

    private var sqlite: Task<String, any Error>?
    private var postgres: [String: Task<String, any Error>] = [:]
    private let logger: Logger = {
        var logger = Logger(label: "otklik-test-template")
        logger.logLevel = .warning
        return logger
    }()

    /// Writes a migrated SQLite database at `path` (its folder is made when missing).
    public func copySQLite(to path: String) async throws {
        let template = try await sqliteTemplate()
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // The file with its write-ahead log, when one is left: together they are the whole database (the template is
        // closed and never written again, so the pair is consistent; the shared-memory index is rebuilt on open).
        for suffix in ["", "-wal"] where suffix.isEmpty || FileManager.default.fileExists(atPath: template + suffix) {
            try FileManager.default.copyItem(atPath: template + suffix, toPath: path + suffix)
        }
    }

    /// The name of a migrated PostgreSQL database on the server of `baseURL` to give to `CREATE DATABASE … TEMPLATE`.
    public func postgresTemplate(baseURL: String) async throws -> String {
        if let task = postgres[baseURL] { return try await task.value }
        let logger = logger
        let task = Task<String, any Error> {
            let name = "otklik_tpl_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try PostgresDatabase(url: baseURL, logger: logger)
            do {
                try await admin.execute("CREATE DATABASE \(name)")
                try await admin.close()
            } catch {
                try? await admin.close()
                throw error
            }
            guard var components = URLComponents(string: baseURL) else { throw TemplateError("bad PostgreSQL URL") }
            components.path = "/\(name)"
            guard let url = components.string else { throw TemplateError("bad PostgreSQL URL") }
            let database = try await AppDatabase.open(url, logger: logger)
            try await database.close()
            return name
        }
        postgres[baseURL] = task
        return try await task.value
    }

    private func sqliteTemplate() async throws -> String {
        if let sqlite { return try await sqlite.value }
        let logger = logger
        let task = Task<String, any Error> {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-template-\(UUID().uuidString)")
            let path = folder.appendingPathComponent("template.sqlite").path
            let database = try await AppDatabase.open("sqlite:\(path)", logger: logger)
            try await database.close()
            return path
        }
        sqlite = task
        return try await task.value
    }

    struct TemplateError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
