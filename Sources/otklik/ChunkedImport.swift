import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

/// The command-line side every chunked import shares (`import feedback`, `interactions`, `requests`, `agent-states`,
/// `transactions`): the chunks a reader hands out are stored one at a time inside one transaction by the store's bulk
/// import (``BulkImport``: memory bounded by two chunks, a bad line or a conflicting id anywhere rolling the whole file
/// back), with SQLite's writer cache grown for the one long transaction and a note each time another million rows are
/// stored (``ImportProgressNote``); an input error — a header or a line refused, an id stored with other content —
/// fails the command as `FILE: line N, column C: what; nothing was imported`.
enum ChunkedImport {
    /// The failure of an import refused for its input.
    static func failure(_ file: String, _ error: OtklikError) -> CommandFailure {
        CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
    }

    /// Runs `open` (a file's reader, which reads its header), its input errors reported as ``failure(_:_:)``.
    static func opening<T>(_ file: String, _ open: () throws -> T) throws -> T {
        do {
            return try open()
        } catch let error as OtklikError {
            throw failure(file, error)
        }
    }

    /// A file's reader, or standard input's whole text for `-`.
    static func reader(_ file: String) throws -> CSVReader {
        if file == "-" { return try CSVReader(text: readInput(file)) }
        guard let reader = CSVReader(path: file) else { throw CommandFailure("cannot read \(file)") }
        return reader
    }

    /// Opens the database (created when new) and stores the chunks `next` reads through `store` in one transaction.
    static func store<R: Sendable>(
        _ common: CommonOptions, _ chunks: ChunkOptions, file: String, next: @escaping ImportChunkReader<R>,
        _ store: (AppDatabase, @escaping ImportChunkReader<R>, @escaping ImportProgress) async throws -> BulkImportOutcome
    ) async throws -> BulkImportOutcome {
        var outcome = BulkImportOutcome()
        try await withDatabase(common, creating: true) { database in
            // One transaction: with SQLite's default 2 MiB page cache its pages spill to the WAL and are read back
            // (about a tenth of the import's time for 300,000 calls, docs/benchmarks.md "Importing calls"). The cache
            // is a bound, not an allocation: a small import uses what it touches.
            if let sqlite = database.sql as? SQLiteDatabase { try await sqlite.growWriterCache(mebibytes: 512) }
            note("Reading \(file) in chunks and storing them in one transaction…")
            do {
                outcome = try await store(database, next, ImportProgressNote(every: chunks.progressRows).progress)
            } catch let error as OtklikError {
                throw failure(file, error)
            }
        }
        return outcome
    }

    /// Lists the lines `--skip-bad` left out on standard error (the first 20).
    static func report(skipped: [ImportProblem]) {
        for problem in skipped.prefix(20) { note("  skipped \(problem)") }
        if skipped.count > 20 { note("  … and \(skipped.count - 20) more") }
    }
}
