import Foundation
import OtklikCore
import OtklikInterchange

/// Stores the process side beyond interactions: service requests, agent-state logs and the
/// working-day calendar. Record writes are idempotent (same content = duplicate, other content = conflict).
public protocol ProcessRepository: Sendable {
    func insert(_ requests: [ServiceRequest], createMissingReferences: Bool) async throws -> InsertOutcome
    func insert(_ states: [AgentStateInterval], createMissingReferences: Bool) async throws -> InsertOutcome
    /// Imports a stream of chunks of requests all or nothing in one transaction, with bounded memory (``BulkImport``); a
    /// request stored open and read again closed is closed (counted as updated).
    func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<ServiceRequest>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome
    /// Imports a stream of chunks of agent-state intervals all or nothing in one transaction, with bounded memory.
    func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<AgentStateInterval>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome
    /// Every service request in (submitted, id) order; with `upTo`, only those written at or before that feed position.
    func forEachRequestChunk(size: Int, upTo position: Int64?, _ body: ([ServiceRequest]) async throws -> Void) async throws
    /// Every agent-state interval in (start, id) order; with `upTo`, only those written at or before that feed position.
    func forEachAgentStateChunk(size: Int, upTo position: Int64?, _ body: ([AgentStateInterval]) async throws -> Void) async throws
    /// Replaces the calendar's exceptions for the given days (a day listed again is overwritten), in one transaction.
    func setCalendarDays(_ days: [CalendarDay]) async throws
    func calendarDays() async throws -> [CalendarDay]
}

extension ProcessRepository {
    public func forEachRequestChunk(size: Int, _ body: ([ServiceRequest]) async throws -> Void) async throws {
        try await forEachRequestChunk(size: size, upTo: nil, body)
    }

    public func forEachAgentStateChunk(size: Int, _ body: ([AgentStateInterval]) async throws -> Void) async throws {
        try await forEachAgentStateChunk(size: size, upTo: nil, body)
    }
}

/// ``ProcessRepository`` over either SQL engine.
public struct SQLProcessRepository: ProcessRepository {
    let database: any SQLDatabase
    private let requests: GroupCommitter<ServiceRequest>
    private let states: GroupCommitter<AgentStateInterval>

    public init(database: any SQLDatabase) {
        self.database = database
        requests = GroupCommitter(database: database)
        states = GroupCommitter(database: database)
    }

    public func insert(_ items: [ServiceRequest], createMissingReferences: Bool) async throws -> InsertOutcome {
        try await requests.insert(items, createMissingReferences: createMissingReferences)
    }

    public func insert(_ items: [AgentStateInterval], createMissingReferences: Bool) async throws -> InsertOutcome {
        try await states.insert(items, createMissingReferences: createMissingReferences)
    }

    public func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<ServiceRequest>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome {
        try await BulkImport.run(ServiceRequest.self, database: database, createMissingReferences: createMissingReferences, next: next, progress: progress)
    }

    public func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<AgentStateInterval>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome {
        try await BulkImport.run(AgentStateInterval.self, database: database, createMissingReferences: createMissingReferences, next: next, progress: progress)
    }

    public func forEachRequestChunk(size: Int, upTo position: Int64?, _ body: ([ServiceRequest]) async throws -> Void) async throws {
        try await database.keysetScan(
            table: ServiceRequest.table, columns: ServiceRequest.columns, timeColumn: "submitted_at", size: size, upTo: position
        ) {
            try await body(try $0.map(ServiceRequest.init(row:)))
        }
    }

    public func forEachAgentStateChunk(size: Int, upTo position: Int64?, _ body: ([AgentStateInterval]) async throws -> Void) async throws {
        try await database.keysetScan(
            table: AgentStateInterval.table, columns: AgentStateInterval.columns, timeColumn: "started_at", size: size, upTo: position
        ) {
            try await body(try $0.map(AgentStateInterval.init(row:)))
        }
    }

    public func setCalendarDays(_ days: [CalendarDay]) async throws {
        guard !days.isEmpty else { return }
        try await database.transaction { tx in
            for start in stride(from: 0, to: days.count, by: 300) {
                let chunk = Array(days[start..<min(start + 300, days.count)])
                let marks = SQLMarks.list(chunk.count)
                try await tx.execute("DELETE FROM calendar_days WHERE day IN (\(marks))", chunk.map { .text($0.date) })
            }
            try await tx.insertRows(
                "calendar_days", columns: ["day", "working", "name"],
                rows: days.map { [.text($0.date), .int($0.working ? 1 : 0), SQLValue($0.name)] })
            try await SQLReferenceRepository.recordChange(records: days.count, in: tx)
        }
    }

    public func calendarDays() async throws -> [CalendarDay] {
        try await Self.calendarDays(database)
    }

    static func calendarDays(_ database: any SQLDatabase) async throws -> [CalendarDay] {
        try await database.query("SELECT day, working, name FROM calendar_days ORDER BY day").map { row in
            CalendarDay(date: try row.string("day"), working: (row.int64("working") ?? 1) != 0, name: row.text("name"))
        }
    }
}
