import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

/// `otklik import transactions`: purchases and refunds from CSV, JSON or the CDNOW log, all or nothing.
struct ImportTransactionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transactions",
        abstract: "Import transactions (purchases, refunds) from CSV, JSON or the CDNOW log, all or nothing.",
        discussion: """
            --format csv: columns \(TransactionJSON.columns.joined(separator: ",")) (the last four optional; amount with a
            point as decimal separator, negative for refunds). --format json: an array of objects with those fields, or
            {"items": [...]}. --format cdnow: customer date(YYYYMMDD) quantity amount, whitespace-separated, header
            optional; each line becomes id cdnow:<customer>:<date>:<k> (k counts identical lines), at local midnight in
            the organisation's time zone. Unknown location and service codes are created. A retried import adds nothing;
            an id stored with other content stops the import and nothing is written. A CSV file is read and stored in
            chunks of 20,000 rows inside one transaction, so memory stays bounded; standard input, JSON and the CDNOW
            log are read whole.
            """)

    enum Format: String, ExpressibleByArgument { case csv, json, cdnow }

    @OptionGroup var common: CommonOptions
    @OptionGroup var chunks: ChunkOptions
    @Option(help: "File format.") var format: Format = .csv
    @Argument(help: "The file (- for standard input).") var file: String

    func run() async throws {
        if format == .csv && file != "-" {
            try await streamCSV()
            return
        }
        try await withDatabase(common, creating: true) { database in
            let records = try await read(database)
            note("Parsed \(records.count) transactions; storing them in one transaction…")
            let chunks = LockedChunks(records, size: 20_000)
            let outcome: BulkImportOutcome
            do {
                outcome = try await database.transactions.importChunks(
                    createMissingReferences: true, next: { chunks.next() }, progress: { _ in })
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
            }
            print("imported \(outcome.inserted), already present \(outcome.duplicates)")
        }
    }

    /// A CSV file is streamed: read and stored in chunks inside one transaction (``ChunkedImport``), so memory stays
    /// bounded for a file of any size and a bad line still rolls everything back.
    private func streamCSV() async throws {
        let stream = try ChunkedImport.opening(file) { try TransactionCSV.stream(path: file) }
        let rows = chunks.chunkRows
        let outcome = try await ChunkedImport.store(common, chunks, file: file, next: { try stream.next(limit: rows) }) { database, next, progress in
            try await database.transactions.importChunks(createMissingReferences: true, next: next, progress: progress)
        }
        print("imported \(outcome.inserted), already present \(outcome.duplicates)")
    }

    private func read(_ database: AppDatabase) async throws -> [ImportRecord<Transaction>] {
        let text = try readInput(file)
        do {
            switch format {
            case .csv:
                return try TransactionCSV.parse(text).records
            case .json:
                let items = try JSONDecoder().decode(RecordImport<Transaction, TransactionJSON>.ItemList.self, from: Data(text.utf8)).items
                return try items.enumerated().map { index, item in
                    do { return ImportRecord(line: index + 1, record: try item.transaction()) } catch let error as OtklikError {
                        throw OtklikError.invalid("item \(index + 1), field \(error.field ?? "?")", error.message)
                    }
                }
            case .cdnow:
                let zoneName = try await database.reference.organisation().timezone
                let zone = TimeZone(identifier: zoneName) ?? TimeZone(identifier: "UTC")!
                return try CDNOWTransactions.parse(text).map { ImportRecord(line: $0.line, record: CDNOWTransactions.transaction($0, zone: zone)) }
            }
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
        } catch let error as DecodingError {
            throw CommandFailure("\(file): malformed JSON (\(error)); nothing was imported")
        }
    }
}

/// Records handed out in chunks to a streaming import.
final class LockedChunks<R: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var records: ArraySlice<R>
    private let size: Int

    init(_ records: [R], size: Int) {
        self.records = records[...]
        self.size = size
    }

    func next() -> [R]? {
        lock.lock()
        defer { lock.unlock() }
        guard !records.isEmpty else { return nil }
        let chunk = Array(records.prefix(size))
        records = records.dropFirst(size)
        return chunk
    }
}
