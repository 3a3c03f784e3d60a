import Foundation
import OtklikCore

/// The write path every client-id record shares: in one transaction, split duplicates from new
/// records (an id reused with other content is a conflict), check or create the referenced codes,
/// create unseen customers, then insert. Nothing is written unless everything passes.
enum IdempotentInsert {
    /// Writes one request's records inside an open transaction `tx`; throws before writing when anything is wrong.
    static func write<R: StoredRecord>(_ items: [R], createMissingReferences: Bool, in tx: any SQLExecutor) async throws -> InsertOutcome {
        let batch = items.map { $0.normalized() }
        let (fresh, duplicates) = try await splitDuplicates(batch, tx)
        try await checkReferences(fresh, tx, create: createMissingReferences)
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        let customers = Set(fresh.compactMap(\.customer))
        try await tx.insertRows(
            "customers", columns: ["id", "created_at"], rows: customers.sorted().map { [.text($0), .int(now)] },
            suffix: "ON CONFLICT (id) DO NOTHING")
        try await tx.insertRows(R.table, columns: R.columnList, rows: fresh.map { $0.binds(receivedAt: now) })
        return InsertOutcome(inserted: fresh.map(\.id), duplicates: duplicates)
    }

    static func splitDuplicates<R: StoredRecord>(_ batch: [R], _ tx: any SQLExecutor) async throws -> ([R], [String]) {
        var stored: [String: R] = [:]
        for start in stride(from: 0, to: batch.count, by: 500) {
            let chunk = batch[start..<min(start + 500, batch.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try await tx.query("SELECT \(R.columns) FROM \(R.table) WHERE id IN (\(marks))", chunk.map { .text($0.id) }) {
                let record = try R(row: row)
                stored[record.id] = record
            }
        }
        var fresh: [R] = []
        var duplicates: [String] = []
        var seen: [String: R] = [:]
        for (index, item) in batch.enumerated() {
            if let previous = stored[item.id] ?? seen[item.id] {
                guard previous == item else {
                    throw OtklikError(.conflict, "id '\(item.id)' is already used by a different record", field: "items[\(index)].id")
                }
                duplicates.append(item.id)
                continue
            }
            seen[item.id] = item
            fresh.append(item)
        }
        return (fresh, duplicates)
    }

    /// Every referenced code must exist, or is created (code as its name) when `create` is set; devices never are.
    static func checkReferences<R: StoredRecord>(_ batch: [R], _ tx: any SQLExecutor, create: Bool) async throws {
        for reference in R.references {
            let codes = Set(batch.compactMap { $0[keyPath: reference.path] })
            guard !codes.isEmpty else { continue }
            let missing = codes.subtracting(try await knownCodes(codes.sorted(), table: reference.table, tx))
            guard !missing.isEmpty else { continue }
            if create && reference.table != "devices" {
                try await tx.insertRows(reference.table, columns: ["code", "name"], rows: missing.sorted().map { [.text($0), .text($0)] })
            } else {
                let index = batch.firstIndex { $0[keyPath: reference.path].map(missing.contains) ?? false } ?? 0
                let code = batch[index][keyPath: reference.path] ?? ""
                throw OtklikError.invalid("items[\(index)].\(reference.field)", "unknown \(reference.field) code '\(code)'")
            }
        }
    }

    static func knownCodes(_ codes: [String], table: String, _ tx: any SQLExecutor) async throws -> Set<String> {
        var known: Set<String> = []
        for start in stride(from: 0, to: codes.count, by: 500) {
            let chunk = Array(codes[start..<min(start + 500, codes.count)])
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try await tx.query("SELECT code FROM \(table) WHERE code IN (\(marks))", chunk.map { .text($0) }) {
                if let code = row.text("code") { known.insert(code) }
            }
        }
        return known
    }
}
