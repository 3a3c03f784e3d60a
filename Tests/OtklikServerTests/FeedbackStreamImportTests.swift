import Foundation
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikStore
import Testing

/// Issue 22: a feedback file streamed in chunks inside one transaction (`FeedbackIngest.importChunks`, what
/// `otklik import feedback FILE` runs) writes what the in-memory path (`FeedbackIngest.ingest`, standard input) writes,
/// all or nothing, idempotent on retry. Chunks of 4 rows stand in for the command's 20,000.
@Suite struct FeedbackStreamImportTests {
    static let header = "id,ts,channel,kind,location,staff,service,customer,nps,csat,ces,button,reasons,comment,contact,lang"

    /// Eleven rows in time order (lines 2-12: chunks of lines 2-5, 6-9, 10-12): comments in Russian and English, a customer
    /// by id (C1, C2) and by phone across chunks, an e-mail attached to C2 in a later chunk, unknown codes created in
    /// every chunk, and s03 sent again in the second chunk (a duplicate).
    static let rows = [
        "s01,2026-03-02T09:00:00Z,terminal,,L01,S01,SV1,C1,9,,,,waiting_time,\"Быстро и вежливо, спасибо\",,",
        "s02,2026-03-02T09:05:00Z,qr_web,,L02,,,,3,,,,,Very slow service and the staff were rude,+7 900 000-00-01,",
        "s03,2026-03-02T09:10:00Z,button,,L01,,,,,,,negative,,,,",
        "s04,2026-03-02T09:15:00Z,terminal,,L03,S02,,C2,10,5,,,,,,",
        "s05,2026-03-02T09:20:00Z,qr_web,,L02,,SV2,C1,6,,,,queue,Долго ждал в очереди,,",
        "s06,2026-03-02T09:25:00Z,qr_web,,L04,,,,2,,,,,Nobody answered the phone for an hour,+7 900 000-00-01,",
        "s03,2026-03-02T09:10:00Z,button,,L01,,,,,,,negative,,,,",
        "s07,2026-03-02T09:30:00Z,terminal,,L05,S03,SV3,C3,8,,,,,,,",
        "s08,2026-03-02T09:35:00Z,qr_web,,L01,,,C2,,4,,,,Хорошо,c2@example.com,",
        "s09,2026-03-02T09:40:00Z,button,,L05,,,,,,,positive,,,,",
        "s10,2026-03-02T09:45:00Z,qr_web,,L06,S04,,,1,,,,,Очень грубый кассир,+7 900 000-00-02,ru",
    ]

    static func file(_ rows: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-fbstream-\(UUID().uuidString).csv").path
        try (([header] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The write path as the command builds it: the comments analysed after the commit, waited for.
    static func ingest(_ database: AppDatabase) -> FeedbackIngest {
        FeedbackIngest(
            database: database, follower: nil, textAnalysis: TextAnalysisConsumer(database: database, logger: SliceEngine.logger),
            followUp: .waitAtMost(.seconds(120)))
    }

    static func streamed(_ database: AppDatabase, _ rows: [String], chunk: Int = 4) async throws -> BulkImportOutcome {
        let path = try file(rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = try FeedbackCSV.stream(path: path)
        return try await ingest(database).importChunks(next: { try stream.next(limit: chunk) })
    }

    /// What an import leaves in the store, without the times of the write itself (`received_at`, `analysed_at`, the
    /// events' `created_at`) and the feed positions (one event a chunk against one in all).
    static func stored(_ database: AppDatabase) async throws -> [String: [[SQLValue]]] {
        let queries = [
            "feedback": """
                SELECT id, ts, channel, kind, location_code, staff_code, service_code, device_code, customer_id, interaction_id,
                nps, csat, ces, button, reasons, comment, contact, lang, customer_link FROM feedback ORDER BY id
                """,
            "customers": "SELECT id, phone, email, external_id, consent, created_at FROM customers ORDER BY id",
            "identities": "SELECT kind, value, customer_id, source, first_seen_at FROM customer_identities ORDER BY kind, value",
            "codes": """
                SELECT 'location' AS t, code, name FROM locations UNION ALL SELECT 'staff', code, name FROM staff
                UNION ALL SELECT 'service', code, name FROM services ORDER BY 1, 2
                """,
            "analysis": "SELECT feedback_id, lang, mixed, label, score, themes, words FROM comment_analysis ORDER BY feedback_id",
            "feed": "SELECT kind, SUM(records) AS n FROM change_feed GROUP BY kind ORDER BY kind",
        ]
        var result: [String: [[SQLValue]]] = [:]
        for (name, sql) in queries { result[name] = try await database.sql.query(sql, []).map(\.values) }
        return result
    }

    static func feedEvents(_ database: AppDatabase) async throws -> Int {
        try await database.sql.query("SELECT COUNT(*) AS n FROM change_feed", []).first?.int("n") ?? -1
    }

    @Test(arguments: SliceEngine.available)
    func aStreamedFileWritesWhatTheInMemoryPathWrites(engine: SliceEngine) async throws {
        try await engine.withDatabase { (whole: AppDatabase) async throws in
            try await engine.withDatabase { (chunked: AppDatabase) async throws in
                let records = try FeedbackCSV.parse(([Self.header] + Self.rows).joined(separator: "\n"))
                let inMemory = try await Self.ingest(whole).ingest(records.map(\.feedback), createMissingReferences: true)
                let events = try await Self.feedEvents(chunked)
                let outcome = try await Self.streamed(chunked, Self.rows)
                #expect(outcome == BulkImportOutcome(inserted: inMemory.inserted.count, duplicates: inMemory.duplicates.count))
                #expect(outcome == BulkImportOutcome(inserted: 10, duplicates: 1))
                #expect(try await Self.feedEvents(chunked) > events + 1, "one change-feed event a chunk")
                let expected = try await Self.stored(whole), actual = try await Self.stored(chunked)
                for (name, rows) in expected.sorted(by: { $0.key < $1.key }) {
                    #expect(actual[name] == rows, "\(name)")
                    #expect(!rows.isEmpty, "\(name) holds something to compare")
                }
                // Independently of the in-memory path: the counts the fixture implies.
                #expect(actual["feedback"]?.count == 10)
                #expect(actual["analysis"]?.count == 6, "every comment analysed after the commit")
                #expect(actual["customers"]?.count == 5, "C1, C2, C3 and the two phones' customers")
                let linked = try await chunked.sql.query("SELECT customer_id FROM feedback WHERE id IN ('s02', 's06') ORDER BY id", [])
                #expect(linked.count == 2 && linked[0].text("customer_id") != nil && linked[0].text("customer_id") == linked[1].text("customer_id"),
                        "one phone in two chunks is one customer")
                #expect(try await chunked.sql.query("SELECT kind FROM customer_identities WHERE customer_id = 'C2' ORDER BY kind", [])
                    .compactMap { $0.text("kind") } == ["email", "external"], "C2's e-mail from the third chunk")
            }
        }
    }

    @Test(arguments: SliceEngine.available)
    func aBadRowInTheSecondChunkWritesNothing(engine: SliceEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let before = try await Self.stored(database), events = try await Self.feedEvents(database)
            // Line 7 (the second chunk's second row): an NPS of 11.
            var rows = Self.rows
            rows[5] = "s06,2026-03-02T09:25:00Z,qr_web,,L04,,,,11,,,,,,,"
            do {
                _ = try await Self.streamed(database, rows)
                Issue.record("an NPS of 11 was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 7, column nps", "\(error)")
                #expect(error.message.contains("0-10"), "\(error.message)")
            }
            #expect(try await database.feedback.count() == 0, "the first chunk was rolled back")
            #expect(try await Self.feedEvents(database) == events, "the feed is unchanged")
            #expect(try await Self.stored(database) == before, "no code, customer or analysis written")
        }
    }

    /// The write path validates what it is given itself (a caller that does not read through ``FeedbackCSV``): a record
    /// of the second chunk timed a day ahead stops everything, named by its line.
    @Test(arguments: SliceEngine.available)
    func theWritePathValidatesEachChunkBeforeWritingIt(engine: SliceEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let now = Date()
            let chunks = LockedChunks([
                [ImportRecord(line: 2, record: Feedback(id: "v1", ts: now.addingTimeInterval(-60), channel: .terminal, kind: .informative, nps: 9))],
                [ImportRecord(line: 3, record: Feedback(id: "v2", ts: now.addingTimeInterval(86_400), channel: .terminal, kind: .informative, nps: 9))],
            ])
            do {
                _ = try await Self.ingest(database).importChunks(now: now, next: { chunks.next() })
                Issue.record("a record a day ahead was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 3, column ts", "\(error)")
            }
            #expect(try await database.feedback.count() == 0)
        }
    }

    @Test(arguments: SliceEngine.available)
    func aRetryOfTheSameFileAddsNothing(engine: SliceEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            #expect(try await Self.streamed(database, Self.rows) == BulkImportOutcome(inserted: 10, duplicates: 1))
            let after = try await Self.stored(database), events = try await Self.feedEvents(database)
            #expect(try await Self.streamed(database, Self.rows, chunk: 3) == BulkImportOutcome(inserted: 0, duplicates: 11))
            #expect(try await Self.stored(database) == after)
            #expect(try await Self.feedEvents(database) == events, "a retry appends no event")
        }
    }

    @Test(arguments: SliceEngine.available)
    func anIdStoredWithOtherContentStopsTheImport(engine: SliceEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            _ = try await Self.streamed(database, Self.rows)
            let after = try await Self.stored(database)
            // New ids, then (line 7, the second chunk) s05 with another score.
            let again = (11...15).map { "s\($0),2026-03-03T09:00:00Z,terminal,,L09,,,,7,,,,,,," } + [
                "s05,2026-03-02T09:20:00Z,qr_web,,L02,,SV2,C1,7,,,,queue,Долго ждал в очереди,,",
            ]
            do {
                _ = try await Self.streamed(database, again)
                Issue.record("an id stored with other content was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "line 7, column id", "\(error)")
                #expect(error.message.contains("s05") && error.message.contains("different record"), "\(error.message)")
            }
            #expect(try await Self.stored(database) == after, "the new ids and L09 were rolled back")
        }
    }
}

/// Chunks handed out one at a time to a `@Sendable` reader.
final class LockedChunks: @unchecked Sendable {
    private var chunks: [[ImportRecord<Feedback>]]
    private let lock = NSLock()

    init(_ chunks: [[ImportRecord<Feedback>]]) {
        self.chunks = chunks
    }

    func next() -> [ImportRecord<Feedback>]? {
        lock.withLock { chunks.isEmpty ? nil : chunks.removeFirst() }
    }
}
