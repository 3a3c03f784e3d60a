import Foundation
import OtklikCore
import OtklikInterchange

/// Stores and reads transactions and acquisition costs; idempotent on transaction ids.
public protocol TransactionRepository: Sendable {
    /// Writes a batch in one transaction with its change-feed event: a stored id with the same content is a
    /// duplicate, with other content a conflict (nothing written). Every transaction names a customer.
    func insert(_ items: [Transaction], createMissingReferences: Bool) async throws -> InsertOutcome
    /// Imports a stream of chunks all or nothing in one transaction, with bounded memory.
    func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<Transaction>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome
    func get(id: String) async throws -> Transaction?
    func count() async throws -> Int
    /// A customer's transactions, oldest first.
    func forCustomer(_ customer: String) async throws -> [Transaction]
    /// Every transaction in (time, id) order, in chunks.
    func forEachChunk(size: Int, _ body: ([Transaction]) async throws -> Void) async throws
    /// Stores acquisition costs all or nothing; a (period, channel) already stored takes the new amount.
    /// Returns how many rows were new and how many replaced.
    func storeCosts(_ costs: [AcquisitionCost]) async throws -> (inserted: Int, replaced: Int)
    func costs() async throws -> [AcquisitionCost]
}

/// ``TransactionRepository`` over either SQL engine.
public struct SQLTransactionRepository: TransactionRepository {
    let database: any SQLDatabase
    private let committer: GroupCommitter<TransactionRecord>

    public init(database: any SQLDatabase) {
        self.database = database
        committer = GroupCommitter(database: database)
    }

    public func insert(_ items: [Transaction], createMissingReferences: Bool) async throws -> InsertOutcome {
        for (index, item) in items.enumerated() {
            do { try item.validate() } catch { throw OtklikError.invalid("items[\(index)].\(error.field ?? "id")", error.message) }
        }
        return try await committer.insert(items.map(TransactionRecord.init), createMissingReferences: createMissingReferences)
    }

    public func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<Transaction>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome {
        try await BulkImport.run(
            TransactionRecord.self, database: database, createMissingReferences: createMissingReferences,
            next: {
                guard let chunk = try next() else { return nil }
                try ImportRecord.validate(chunk) { try $0.validate() }
                return chunk.map { ImportRecord(line: $0.line, record: TransactionRecord($0.record)) }
            }, progress: progress)
    }

    public func get(id: String) async throws -> Transaction? {
        try await database.query("SELECT \(TransactionRecord.columns) FROM transactions WHERE id = ?", [.text(id)])
            .first.map { try TransactionRecord(row: $0).transaction }
    }

    public func count() async throws -> Int {
        try await database.query("SELECT COUNT(*) AS n FROM transactions").first?.int("n") ?? 0
    }

    public func forCustomer(_ customer: String) async throws -> [Transaction] {
        try await database.query(
            "SELECT \(TransactionRecord.columns) FROM transactions WHERE customer_id = ? ORDER BY ts, id", [.text(customer)]
        ).map { try TransactionRecord(row: $0).transaction }
    }

    public func forEachChunk(size: Int, _ body: ([Transaction]) async throws -> Void) async throws {
        try await database.keysetScan(table: "transactions", columns: TransactionRecord.columns, timeColumn: "ts", size: size, upTo: nil) { rows in
            try await body(try rows.map { try TransactionRecord(row: $0).transaction })
        }
    }

    public func storeCosts(_ costs: [AcquisitionCost]) async throws -> (inserted: Int, replaced: Int) {
        for (index, cost) in costs.enumerated() {
            do { try cost.validate() } catch { throw OtklikError.invalid("items[\(index)].\(error.field ?? "period")", error.message) }
        }
        return try await database.transaction { tx in
            var inserted = 0, replaced = 0
            for cost in costs {
                let existing = try await tx.query(
                    "SELECT amount FROM acquisition_costs WHERE period = ? AND channel = ?", [.text(cost.period), .text(cost.channel)])
                if existing.isEmpty {
                    try await tx.execute(
                        "INSERT INTO acquisition_costs (period, channel, amount) VALUES (?, ?, ?)",
                        [.text(cost.period), .text(cost.channel), .double(cost.amount)])
                    inserted += 1
                } else {
                    try await tx.execute(
                        "UPDATE acquisition_costs SET amount = ? WHERE period = ? AND channel = ?",
                        [.double(cost.amount), .text(cost.period), .text(cost.channel)])
                    replaced += 1
                }
            }
            return (inserted, replaced)
        }
    }

    public func costs() async throws -> [AcquisitionCost] {
        try await database.query("SELECT period, channel, amount FROM acquisition_costs ORDER BY period, channel").map {
            AcquisitionCost(period: try $0.string("period"), channel: try $0.string("channel"), amount: $0["amount"].double ?? 0)
        }
    }
}
