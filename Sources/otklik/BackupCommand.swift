import ArgumentParser
import Foundation
import OtklikStore

/// `otklik backup --to FILE`: an online copy of a SQLite database (SQLite's backup API) while servers keep writing.
/// PostgreSQL is backed up with its own tools (`pg_dump -Fc`, `pg_restore`; scripts/proof-backup does both).
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy a live SQLite database to a new file (online; servers keep running). For PostgreSQL use pg_dump.")
    @OptionGroup var common: CommonOptions
    @Option(help: "The new file to write.") var to: String

    func run() async throws {
        try await withDatabase(common) { database in
            guard let sqlite = database.sql as? SQLiteDatabase else {
                throw CommandFailure("otklik backup copies SQLite databases; back PostgreSQL up with pg_dump -Fc (docs/operators.md, \"Backup\")")
            }
            let started = Date()
            try sqlite.backup(to: to)
            let size = (try? FileManager.default.attributesOfItem(atPath: to)[.size] as? Int) ?? 0
            note("backed up to \(to): \(size) bytes in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }
}
