import Foundation
import OtklikCore
import OtklikInterchange

/// Stores and reads interactions (calls, chats, e-mails) with their queue timings; idempotent on ids.
public protocol InteractionRepository: Sendable {
    /// Writes a batch in one transaction; duplicates by id are skipped, an id with other content is a conflict.
    func insert(_ items: [Interaction], createMissingReferences: Bool) async throws -> InsertOutcome
    func get(id: String) async throws -> Interaction?
    func count() async throws -> Int
    /// Imports a stream of chunks all or nothing in one transaction, with bounded memory.
    func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<Interaction>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome
    /// Every interaction in (arrival, id) order, in chunks; with `upTo`, only those written at or before that
    /// change-feed position.
    func forEachChunk(size: Int, upTo position: Int64?, _ body: ([Interaction]) async throws -> Void) async throws
}

extension InteractionRepository {
    public func forEachChunk(size: Int, _ body: ([Interaction]) async throws -> Void) async throws {
        try await forEachChunk(size: size, upTo: nil, body)
    }
}

/// ``InteractionRepository`` over either SQL engine.
public struct SQLInteractionRepository: InteractionRepository {
    let database: any SQLDatabase
    private let committer: GroupCommitter<Interaction>

    public init(database: any SQLDatabase) {
        self.database = database
        committer = GroupCommitter(database: database)
    }

    public func insert(_ items: [Interaction], createMissingReferences: Bool) async throws -> InsertOutcome {
        try await committer.insert(items, createMissingReferences: createMissingReferences)
    }

    public func get(id: String) async throws -> Interaction? {
        try await database.query("SELECT \(Interaction.columns) FROM interactions WHERE id = ?", [.text(id)]).first.map(Interaction.init(row:))
    }

    public func count() async throws -> Int {
        try await database.query("SELECT COUNT(*) AS n FROM interactions").first?.int("n") ?? 0
    }

    public func forEachChunk(size: Int, upTo position: Int64?, _ body: ([Interaction]) async throws -> Void) async throws {
        try await database.keysetScan(
            table: "interactions", columns: Interaction.columns, timeColumn: "arrived_at", size: size, upTo: position
        ) { rows in
            try await body(try rows.map(Interaction.init(row:)))
        }
    }
}
