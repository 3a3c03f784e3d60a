import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore
import Testing

/// Issue 22: service requests and agent states streamed in chunks inside one transaction
/// (`ProcessRepository.importChunks`, what `otklik import requests FILE` and `import agent-states FILE` run) are all
/// or nothing across chunks, see the chunks before them (a duplicate, a request closing), create unknown codes, write
/// their feed events and add nothing on retry. Chunks of 10 rows stand in for the command's 20,000.
@Suite struct ProcessBulkImportTests {
    static func file(_ header: String, _ rows: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-process-bulk-\(UUID().uuidString).csv").path
        try (([header] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let requestHeader = ServiceRequestJSON.columns.joined(separator: ",")

    /// Request `r<index>` of service `S<index % 4>` at centre `L<index % 3>`, submitted on 2 March 2026; open, or
    /// completed three hours later at a cost.
    static func request(_ index: Int, status: String = "open", closedAt: String = "", cost: String = "") -> String {
        "r\(index),S\(index % 4),L\(index % 3),web,C\(index),2026-03-02T09:\(String(format: "%02d", index % 60)):00Z,\(status),\(closedAt),\(cost)"
    }

    static func closed(_ index: Int) -> String {
        request(index, status: "completed", closedAt: "2026-03-02T12:00:00Z", cost: "150")
    }

    static func importRequests(_ database: AppDatabase, _ rows: [String], chunk: Int = 10) async throws -> BulkImportOutcome {
        let path = try file(requestHeader, rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = try ServiceRequestJSON.csv(CSVReader(path: path)!, skipBad: false)
        return try await database.process.importChunks(createMissingReferences: true, next: { try stream.next(limit: chunk) }, progress: { _ in })
    }

    /// Runs an import that must be refused for the line and column `field`.
    static func expectRefused(_ field: String, _ body: () async throws -> BulkImportOutcome) async {
        do {
            let outcome = try await body()
            Issue.record("accepted (\(outcome)); expected a refusal at \(field)")
        } catch let error as OtklikError {
            #expect(error.field == field, "\(error)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    static func count(_ database: AppDatabase, _ sql: String) async throws -> Int {
        try await database.sql.query(sql, []).first?.int("n") ?? -1
    }

    @Test(arguments: TestEngine.available)
    func aBadRequestLineInTheLastChunkRollsEveryChunkBack(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            // Lines 2-26 good (three chunks written), line 27 an unknown status.
            let rows = (1...25).map { Self.request($0) } + [Self.request(26, status: "done")]
            await Self.expectRefused("line 27, column status") { try await Self.importRequests(database, rows) }
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM service_requests") == 0)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM services") == 0, "the codes created were rolled back")
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM change_feed") == 0)
        }
    }

    @Test(arguments: TestEngine.available)
    func aConflictingRequestInALaterChunkRollsEveryChunkBackNamingItsLine(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            _ = try await Self.importRequests(database, [Self.closed(3)])
            // Line 23 (in the third chunk) sends the stored, completed r3 again as withdrawn: a closed request does not change.
            let rows = (101...121).map { Self.request($0) }
                + [Self.request(3, status: "withdrawn", closedAt: "2026-03-02T12:00:00Z", cost: "150")] + [Self.request(122)]
            await Self.expectRefused("line 23, column status") { try await Self.importRequests(database, rows) }
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM service_requests") == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func aGoodRequestFileImportsEveryRowOnceAndARetryAddsNothing(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            // r3 sent again in the third chunk (a duplicate of a row two chunks before).
            let rows = (1...25).map { Self.request($0) } + [Self.request(3)]
            #expect(try await Self.importRequests(database, rows) == BulkImportOutcome(inserted: 25, duplicates: 1))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM service_requests") == 25)
            #expect(try await Self.count(database, "SELECT COUNT(DISTINCT id) AS n FROM service_requests") == 25)
            // Unknown codes created: four services, three centres.
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM services") == 4)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM locations") == 3)
            // One feed event a chunk that stored anything (three chunks), counting every row stored.
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM change_feed WHERE kind = 'service_requests'") == 3)
            #expect(try await Self.count(database, "SELECT SUM(records) AS n FROM change_feed WHERE kind = 'service_requests'") == 25)
            // Again, in other chunks: nothing added, no event.
            #expect(try await Self.importRequests(database, rows, chunk: 7) == BulkImportOutcome(inserted: 0, duplicates: 26))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM service_requests") == 25)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM change_feed") == 3)
        }
    }

    /// An open request stored by an earlier chunk and read closed in a later one is closed, as the API and the
    /// whole-file import close it; the same file again is then refused for its open line (a closed request does not
    /// reopen), as before streaming.
    @Test(arguments: TestEngine.available)
    func aRequestClosedInALaterChunkIsClosed(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let rows = (1...25).map { Self.request($0) } + [Self.closed(5)]
            #expect(try await Self.importRequests(database, rows) == BulkImportOutcome(inserted: 25, duplicates: 0, updated: 1))
            var read: [ServiceRequest] = []
            try await database.process.forEachRequestChunk(size: 100) { read += $0 }
            #expect(read.count == 25)
            let r5 = read.first { $0.id == "r5" }
            #expect(r5?.status == .completed && r5?.cost == 150 && r5?.closedAt == Timestamp.parse("2026-03-02T12:00:00Z"))
            #expect(read.filter { $0.status == .open }.count == 24)
            #expect(try await Self.count(database, "SELECT SUM(records) AS n FROM change_feed WHERE kind = 'service_requests'") == 26)
            await Self.expectRefused("line 6, column status") { try await Self.importRequests(database, rows) }
            #expect(try await Self.count(database, "SELECT SUM(records) AS n FROM change_feed WHERE kind = 'service_requests'") == 26)
        }
    }

    static let stateHeader = AgentStateJSON.columns.joined(separator: ",")

    /// Agent `A<index % 3>` handling for five minutes from minute `index` of 2 March 2026.
    static func state(_ index: Int, state: String = "handling") -> String {
        let start = Date(timeIntervalSince1970: 1_772_442_000 + Double(index) * 600)
        let end = start.addingTimeInterval(300)
        return "A\(index % 3),\(state),\(Timestamp.format(start)),\(Timestamp.format(end))"
    }

    static func importStates(_ database: AppDatabase, _ rows: [String], chunk: Int = 10) async throws -> BulkImportOutcome {
        let path = try file(stateHeader, rows)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let stream = try AgentStateJSON.csv(CSVReader(path: path)!, skipBad: false)
        return try await database.process.importChunks(createMissingReferences: true, next: { try stream.next(limit: chunk) }, progress: { _ in })
    }

    @Test(arguments: TestEngine.available)
    func agentStatesAreAllOrNothingAcrossChunksAndIdempotent(engine: TestEngine) async throws {
        try await engine.withDatabase { (database: AppDatabase) async throws in
            let good = (1...25).map { Self.state($0) }
            await Self.expectRefused("line 27, column state") { try await Self.importStates(database, good + [Self.state(26, state: "napping")]) }
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM agent_states") == 0)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM staff") == 0)
            // The good lines, with line 4's interval sent again in the last chunk.
            #expect(try await Self.importStates(database, good + [Self.state(3)]) == BulkImportOutcome(inserted: 25, duplicates: 1))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM agent_states") == 25)
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM staff") == 3, "unknown agents created as staff")
            #expect(try await Self.count(database, "SELECT SUM(records) AS n FROM change_feed WHERE kind = 'agent_states'") == 25)
            #expect(try await Self.importStates(database, good, chunk: 4) == BulkImportOutcome(inserted: 0, duplicates: 25))
            #expect(try await Self.count(database, "SELECT COUNT(*) AS n FROM agent_states") == 25)
        }
    }
}
