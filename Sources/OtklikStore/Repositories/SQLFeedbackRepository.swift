import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics

/// ``FeedbackRepository`` over either SQL engine.
public struct SQLFeedbackRepository: FeedbackRepository {
    let database: any SQLDatabase
    private let committer: GroupCommitter<Feedback>
    /// Where each committed group is left for this process's feed consumers (nil: they read the store).
    let recent: RecentFeedbackWrites?

    public init(database: any SQLDatabase, recent: RecentFeedbackWrites? = nil) {
        self.database = database
        self.recent = recent
        committer = GroupCommitter(database: database)
    }

    public func insert(_ items: [Feedback], untimed: Set<String>, createMissingReferences: Bool) async throws -> InsertOutcome {
        try await insertCommitted(items, untimed: untimed, createMissingReferences: createMissingReferences).0
    }

    public func insertCommitted(
        _ items: [Feedback], untimed: Set<String>, createMissingReferences: Bool
    ) async throws -> (InsertOutcome, CommittedGroup<Feedback>?) {
        let written = try await committer.insertCommitted(items, createMissingReferences: createMissingReferences, untimed: untimed)
        if let group = written.1 { recent?.remember(group) }
        return written
    }

    /// Imports feedback chunk by chunk in one transaction (see ``BulkImport``).
    public func importChunks(createMissingReferences: Bool, next: @escaping ImportChunkReader<Feedback>, progress: @escaping ImportProgress) async throws -> BulkImportOutcome {
        try await BulkImport.run(Feedback.self, database: database, createMissingReferences: createMissingReferences, next: next, progress: progress)
    }

    public func list(_ filter: FeedbackFilter, after cursor: FeedbackCursor?, limit: Int) async throws -> FeedbackPage {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        func add(_ condition: String, _ values: SQLValue...) {
            conditions.append(condition)
            binds.append(contentsOf: values)
        }
        if let from = filter.from { add("ts >= ?", .int(Feedback.milliseconds(from))) }
        if let to = filter.to { add("ts < ?", .int(Feedback.milliseconds(to))) }
        if let location = filter.location { add("location_code = ?", .text(location)) }
        if let staff = filter.staff { add("staff_code = ?", .text(staff)) }
        if let service = filter.service { add("service_code = ?", .text(service)) }
        if let channel = filter.channel { add("channel = ?", .text(channel.rawValue)) }
        if let kind = filter.kind { add("kind = ?", .text(kind.rawValue)) }
        if let contact = filter.contact { add("contact = ?", .text(contact)) }
        if let customer = filter.customer { add("customer_id = ?", .text(customer)) }
        if let cursor { add("(ts < ? OR (ts = ? AND id < ?))", .int(cursor.ts), .int(cursor.ts), .text(cursor.id)) }
        let rows: [SQLRow]
        if let scope = filter.scopeLocations, filter.location == nil, scope.count > 1, scope.count <= Self.mergedScopeLimit {
            rows = try await newestPerLocation(scope.sorted(), conditions, binds, limit: limit + 1)
        } else {
            if let scope = filter.scopeLocations {
                conditions.append(scope.isEmpty ? "1 = 0" : "location_code IN (\(SQLMarks.list(scope.count)))")
                binds += scope.sorted().map { .text($0) }
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            rows = try await database.query(
                "SELECT \(Feedback.columns) FROM feedback \(whereClause) ORDER BY ts DESC, id DESC LIMIT ?",
                binds + [.int(Int64(limit + 1))])
        }
        var items = try rows.prefix(limit).map(Feedback.init(row:))
        var next: FeedbackCursor?
        if rows.count > limit, let last = items.last {
            next = FeedbackCursor(ts: Feedback.milliseconds(last.ts), id: last.id)
        }
        items = Array(items)
        return FeedbackPage(items: items, next: next)
    }

    /// The largest scope ``list(_:after:limit:)`` reads location by location (``newestPerLocation``); a larger one is
    /// read as one query, which on a large table sorts every row of its locations.
    static let mergedScopeLimit = 64

    /// The newest `limit` rows of the locations `scope` (sorted) that meet `conditions`: each location's newest `limit`
    /// from its own index (`feedback_location_ts`), merged. As one query (`location_code IN (...) ORDER BY ts DESC`)
    /// the database reads and sorts every row of those locations to return a page: 957 ms for two locations' newest
    /// 51 at 9.9 M records, 2026-12-07 (docs/benchmarks.md); each location's own newest is a few index steps.
    private func newestPerLocation(_ scope: [String], _ conditions: [String], _ binds: [SQLValue], limit: Int) async throws -> [SQLRow] {
        let filter = (["location_code = ?"] + conditions).joined(separator: " AND ")
        let part = "SELECT \(Feedback.columns) FROM feedback WHERE \(filter) ORDER BY ts DESC, id DESC LIMIT ?"
        let sql = scope.indices.map { "SELECT * FROM (\(part)) AS l\($0)" }.joined(separator: " UNION ALL ")
            + " ORDER BY ts DESC, id DESC LIMIT ?"
        let all = scope.flatMap { [SQLValue.text($0)] + binds + [.int(Int64(limit))] } + [.int(Int64(limit))]
        return try await database.query(sql, all)
    }

    public func get(id: String) async throws -> Feedback? {
        try await database.query("SELECT \(Feedback.columns) FROM feedback WHERE id = ?", [.text(id)])
            .first.map(Feedback.init(row:))
    }

    public func get(ids: [String]) async throws -> [String: Feedback] {
        try await IdempotentInsert.storedRecords(ids: ids, database)
    }

    public func count() async throws -> Int {
        try await database.query("SELECT COUNT(*) AS n FROM feedback").first?.int("n") ?? 0
    }

    public func forEachChunk(size: Int, _ body: ([Feedback]) async throws -> Void) async throws {
        try await database.keysetScan(table: "feedback", columns: Feedback.columns, timeColumn: "ts", size: size) { rows in
            try await body(try rows.map(Feedback.init(row:)))
        }
    }

    public func forEachFactChunk(size: Int, upTo position: Int64?, _ body: ([FeedbackFact]) async throws -> Void) async throws {
        try await database.keysetScan(table: "feedback", columns: Self.factColumns, timeColumn: "ts", size: size, upTo: position) { rows in
            try await body(rows.map(Self.fact))
        }
    }

    /// The columns ``fact(_:)`` reads, in its order.
    static let factColumns = "ts, id, channel, kind, location_code, staff_code, service_code, nps, csat, ces, button, customer_id"

    /// The analytics fact of a row read with ``factColumns``.
    static func fact(_ row: SQLRow) -> FeedbackFact {
        let v = row.values
        return FeedbackFact(
            ts: Date(timeIntervalSince1970: TimeInterval(v[0].int ?? 0) / 1000),
            channel: v[2].text.flatMap(Channel.init(rawValue:)) ?? .other,
            kind: v[3].text.flatMap(FeedbackKind.init(rawValue:)) ?? .informative,
            location: v[4].text, staff: v[5].text, service: v[6].text,
            nps: v[7].int.map { Int($0) }, csat: v[8].int.map { Int($0) }, ces: v[9].int.map { Int($0) },
            button: v[10].text.flatMap(ButtonPress.init(rawValue:)), customer: v[11].text)
    }
}
