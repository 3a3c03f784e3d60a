import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore
import Testing

/// A streamed CSV import is all or nothing across its chunks, and a duplicate across chunks is recognised.
@Suite struct BulkImportTests {
    static func file(_ rows: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-bulk-\(UUID().uuidString).csv").path
        let text = (["id,arrived_at,channel,queue,outcome,wait_s,talk_s"] + rows).joined(separator: "\n") + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func row(_ index: Int, wait: String = "12") -> String {
        "c\(index),2026-03-02T09:\(String(format: "%02d", index % 60)):00Z,call_center,Q1,answered,\(wait),60"
    }

    @Test(arguments: TestEngine.available)
    func aBadLineInALaterChunkRollsEverythingBack(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let path = try Self.file((1...25).map { Self.row($0) } + [Self.row(26, wait: "-4")])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let stream = try InteractionCSV.stream(path: path)
            do {
                _ = try await database.interactions.importChunks(createMissingReferences: true, next: { try stream.next(limit: 10) }, progress: { _ in })
                Issue.record("a bad line was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 27, column wait_s")
            }
            #expect(try await database.interactions.count() == 0, "chunks already written were rolled back")
        }
    }

    @Test(arguments: TestEngine.available)
    func chunksSeeEachOtherAndARetryAddsNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let path = try Self.file((1...25).map { Self.row($0) } + [Self.row(3)])
            defer { try? FileManager.default.removeItem(atPath: path) }
            let first = try InteractionCSV.stream(path: path)
            let outcome = try await database.interactions.importChunks(createMissingReferences: true, next: { try first.next(limit: 10) }, progress: { _ in })
            #expect(outcome == BulkImportOutcome(inserted: 25, duplicates: 1))
            let again = try InteractionCSV.stream(path: path)
            let retry = try await database.interactions.importChunks(createMissingReferences: true, next: { try again.next(limit: 7) }, progress: { _ in })
            #expect(retry == BulkImportOutcome(inserted: 0, duplicates: 26))
            #expect(try await database.interactions.count() == 25)
        }
    }

    // Chunks above 1,000 ids look their stored ids up by a range of the primary key first on SQLite
    // (IdempotentInsert.storedCandidates); these hold on both engines, and on SQLite they take that path.

    static func imported(_ database: AppDatabase, _ rows: [String], chunk: Int = 1_500) async throws -> BulkImportOutcome {
        let path = try file(rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = try InteractionCSV.stream(path: path)
        return try await database.interactions.importChunks(createMissingReferences: true, next: { try stream.next(limit: chunk) }, progress: { _ in })
    }

    static func row(id: String, wait: String = "12") -> String {
        "\(id),2026-03-02T09:15:00Z,call_center,Q1,answered,\(wait),60"
    }

    @Test(arguments: TestEngine.available)
    func largeChunksImportedAgainAddNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let rows = (1...3_000).map { Self.row(id: String(format: "B%08d", $0)) }
            #expect(try await Self.imported(database, rows) == BulkImportOutcome(inserted: 3_000, duplicates: 0))
            // Other chunk boundaries, and new ids on both sides of the stored run mixed with stored ones.
            #expect(try await Self.imported(database, rows, chunk: 1_200) == BulkImportOutcome(inserted: 0, duplicates: 3_000))
            let mixed = (2_001...4_000).map { Self.row(id: String(format: "B%08d", $0)) } + [Self.row(id: "A0"), Self.row(id: "B00000500")]
            #expect(try await Self.imported(database, mixed, chunk: 2_500) == BulkImportOutcome(inserted: 1_001, duplicates: 1_001))
            #expect(try await database.interactions.count() == 4_001)
        }
    }

    @Test(arguments: TestEngine.available)
    func aConflictingIdInALargeChunkIsRefusedWithItsLine(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let rows = (1...2_000).map { Self.row(id: String(format: "B%08d", $0)) }
            _ = try await Self.imported(database, rows)
            // Line 1,202 of the new file (its header is line 1) re-sends B00000700 with another wait.
            let again = (3_001...4_200).map { Self.row(id: String(format: "B%08d", $0)) } + [Self.row(id: "B00000700", wait: "13")]
            do {
                _ = try await Self.imported(database, again)
                Issue.record("a conflicting id was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 1202, column id", "\(error)")
            }
            #expect(try await database.interactions.count() == 2_000, "the new ids were rolled back")
        }
    }

    /// Ids scattered among the stored ones: the range between the chunk's least and greatest id holds more than twice
    /// the chunk's count of stored rows, so every id is probed — and the one stored is still found.
    @Test(arguments: TestEngine.available)
    func scatteredIdsAreStillFoundWhenTheirRangeHoldsManyRows(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            _ = try await Self.imported(database, (0..<3_000).map { Self.row(id: String(format: "m%05d", $0)) })
            let scattered = (0..<1_100).map { Self.row(id: String(format: "a%05d", $0)) } + [Self.row(id: "m01500"), Self.row(id: "z")]
            #expect(try await Self.imported(database, scattered) == BulkImportOutcome(inserted: 1_101, duplicates: 1))
            #expect(try await database.interactions.count() == 4_101)
        }
    }

    /// The indexes of `interactions` as the engine describes them (name and definition).
    static func indexes(_ database: AppDatabase) async throws -> [String] {
        let sql = database.sql.dialect == .sqlite
            ? "SELECT name || ': ' || sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = 'interactions' AND sql IS NOT NULL ORDER BY name"
            : "SELECT indexname || ': ' || indexdef AS definition FROM pg_indexes WHERE tablename = 'interactions' ORDER BY indexname"
        return try await database.sql.query(sql, []).compactMap { $0.text("definition") }
    }

    /// An import into the empty table builds the secondary indexes after the rows on SQLite (DeferredIndexes): they come
    /// back exactly as the migrations made them, are used by the queries that need them, and a failed import leaves them
    /// as they were.
    @Test(arguments: TestEngine.available)
    func anImportIntoTheEmptyTableLeavesItsIndexesAsTheMigrationsMadeThem(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let before = try await Self.indexes(database)
            #expect(before.count >= 4, "\(before)")
            let bad = (1...1_500).map { Self.row(id: String(format: "B%08d", $0)) } + [Self.row(id: "B99999999", wait: "-1")]
            await #expect(throws: OtklikError.self) { try await Self.imported(database, bad, chunk: 1_000) }
            #expect(try await Self.indexes(database) == before, "a failed import rolled the drop back")
            let rows = (1...1_500).map { i in
                "B\(String(format: "%08d", i)),2026-03-\(String(format: "%02d", 1 + i % 28))T09:15:00Z,call_center,Q1,answered,12,60"
            }
            #expect(try await Self.imported(database, rows, chunk: 1_000) == BulkImportOutcome(inserted: 1_500, duplicates: 0))
            #expect(try await Self.indexes(database) == before)
            if database.sql.dialect == .sqlite {
                let plan = try await database.sql.query(
                    "EXPLAIN QUERY PLAN SELECT id FROM interactions WHERE arrived_at >= ? ORDER BY arrived_at, id", [.int(0)])
                #expect(plan.contains { ($0.text("detail") ?? "").contains("interactions_arrived") }, "\(plan)")
                let count = try await database.sql.query("SELECT COUNT(*) AS n FROM interactions INDEXED BY interactions_arrived WHERE arrived_at > 0", [])
                #expect(count.first?.int("n") == 1_500, "the rebuilt index holds every row")
            }
            // Into a table holding rows, nothing is dropped: the same indexes after a second import.
            #expect(try await Self.imported(database, [Self.row(id: "C1")]) == BulkImportOutcome(inserted: 1, duplicates: 0))
            #expect(try await Self.indexes(database) == before)
        }
    }
}
