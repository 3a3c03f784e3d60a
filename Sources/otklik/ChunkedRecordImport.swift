import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

/// The request and agent-state imports: a CSV file is streamed — read and stored in chunks inside one transaction
/// (``ChunkedImport``), so memory stays bounded for a file of any size; standard input's CSV is read whole as text, then
/// read and stored in the same chunks; JSON is decoded whole (``RecordImport/parse(_:)``), then stored in the same chunks.
struct ChunkedRecordImport<R: Sendable, Item: Decodable> {
    var file: String
    var format: RecordFormat
    var skipBad: Bool
    var chunks: ChunkOptions
    /// Reads CSV rows (of a file or a text) as validated records.
    var csv: (CSVReader, Bool) throws -> RecordCSV<R>
    /// Converts one JSON item.
    var convert: (Item) throws(OtklikError) -> R

    /// Reads the file, stores its records through `store` in chunks in one transaction, reports skipped lines on
    /// standard error and prints the outcome.
    func run(
        _ common: CommonOptions,
        store: (AppDatabase, @escaping ImportChunkReader<R>, @escaping ImportProgress) async throws -> BulkImportOutcome
    ) async throws {
        let next: ImportChunkReader<R>
        let skipped: () -> [ImportProblem]
        let rows = chunks.chunkRows
        switch format {
        case .csv:
            let reader = try ChunkedImport.reader(file)
            let stream = try ChunkedImport.opening(file) { try csv(reader, skipBad) }
            next = { try stream.next(limit: rows) }
            skipped = { stream.skipped }
        case .json:
            let whole = RecordImport(
                file: file, format: format, skipBad: skipBad, parseCSV: { try csv(CSVReader(text: $0), $1).all() }, convert: convert)
            let (records, problems) = try whole.parse(readInput(file))
            let chunks = LockedChunks(records, size: rows)
            next = { chunks.next() }
            skipped = { problems }
        }
        let outcome = try await ChunkedImport.store(common, chunks, file: file, next: next, store)
        ChunkedImport.report(skipped: skipped())
        let updated = outcome.updated == 0 ? "" : ", closed (status moved on) \(outcome.updated)"
        print("imported \(outcome.inserted)\(updated), already present \(outcome.duplicates), skipped \(skipped().count) bad lines")
    }
}
