import Foundation
import OtklikCore
import OtklikInterchange

/// What a bulk import stored.
public struct BulkImportOutcome: Sendable, Equatable {
    public var inserted = 0
    public var duplicates = 0
    /// Records stored before and revised by the import (a service request stored open, read again closed).
    public var updated = 0

    public init(inserted: Int = 0, duplicates: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.duplicates = duplicates
        self.updated = updated
    }
}

/// A file of millions of records imported all or nothing with bounded memory: chunks are read one at a time (the
/// next one parsed while the current one is written) and written through ``IdempotentInsert`` inside one transaction (each chunk sees the ones before it, so a
/// duplicate across chunks is recognised). An error in any chunk — a bad line, a conflicting id — rolls the
/// whole import back; it names the line the record came from. Into an empty table on SQLite the secondary indexes are
/// built after the rows (``DeferredIndexes``).
enum BulkImport {
    static func run<R: StoredRecord>(
        _ type: R.Type, database: any SQLDatabase, createMissingReferences: Bool,
        next: @escaping ImportChunkReader<R>, progress: @escaping ImportProgress
    ) async throws -> BulkImportOutcome {
        try await database.transaction { tx in
            var outcome = BulkImportOutcome()
            // The next chunk is read, parsed and normalised on another thread while this one is written (two stages,
            // one chunk ahead: memory stays bounded by two chunks). `next` is never called by two tasks at once.
            let read: @Sendable () throws -> (lines: [Int], records: [R])? = {
                try next().map { chunk in (chunk.map(\.line), chunk.map { $0.record.normalized() }) }
            }
            var reading = Task { try read() }
            defer { reading.cancel() }
            let indexes = try await DeferredIndexes.drop(on: R.table, in: tx)
            while let chunk = try await reading.value {
                reading = Task { try read() }
                let result = try await IdempotentInsert.write(
                    [.init(items: chunk.records, createMissingReferences: createMissingReferences, normalized: true)], in: tx)
                switch result[0] {
                case .success(let stored):
                    outcome.inserted += stored.inserted.count
                    outcome.duplicates += stored.duplicates.count
                    outcome.updated += stored.updated.count
                case .failure(let error as OtklikError):
                    throw error.locatingItem(lines: chunk.lines)
                case .failure(let error):
                    throw error
                }
                progress(outcome.inserted + outcome.duplicates + outcome.updated)
            }
            try await indexes.rebuild(in: tx)
            return outcome
        }
    }
}

extension OtklikError {
    /// The error with `items[i].field` rewritten as `line N, column field`, given the line each item came from.
    public func locatingItem(lines: [Int]) -> OtklikError {
        guard let field, field.hasPrefix("items["), let close = field.firstIndex(of: "]"),
            let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]), lines.indices.contains(index)
        else { return self }
        let column = field[field.index(after: close)...].drop(while: { $0 == "." })
        var located = self
        located.field = "line \(lines[index])" + (column.isEmpty ? "" : ", column \(column)")
        return located
    }
}

extension SQLInteractionRepository {
    /// Imports interactions chunk by chunk in one transaction (see ``BulkImport``).
    public func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<Interaction>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome {
        try await BulkImport.run(Interaction.self, database: database, createMissingReferences: createMissingReferences, next: next, progress: progress)
    }
}
