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
}
