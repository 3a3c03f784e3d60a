import Foundation
import OtklikCore

/// ``FeedbackRepository`` over either SQL engine.
public struct SQLFeedbackRepository: FeedbackRepository {
    let database: any SQLDatabase
    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func insert(_ items: [Feedback], createMissingReferences: Bool) async throws -> InsertOutcome {
        let batch = items.map { $0.normalized() }
        return try await database.transaction { tx in
            let (fresh, duplicates) = try await Self.splitDuplicates(batch, tx)
            try await Self.checkReferences(fresh, tx, create: createMissingReferences)
            let now = Feedback.milliseconds(Date())
            let customers = Set(fresh.compactMap(\.customer))
            if !customers.isEmpty {
                try await tx.insertRows(
                    "customers", columns: ["id", "created_at"], rows: customers.sorted().map { [.text($0), .int(now)] },
                    suffix: "ON CONFLICT (id) DO NOTHING")
            }
            try await tx.insertRows(
                "feedback", columns: Feedback.columnList, rows: fresh.map { $0.binds(receivedAt: now) })
            return InsertOutcome(inserted: fresh.map(\.id), duplicates: duplicates)
        }
    }

    /// Separates items already stored (same content: duplicate; other content: conflict) from new ones.
    static func splitDuplicates(_ batch: [Feedback], _ tx: any SQLExecutor) async throws -> ([Feedback], [String]) {
        var stored: [String: Feedback] = [:]
        for chunk in stride(from: 0, to: batch.count, by: 500).map({ Array(batch[$0..<min($0 + 500, batch.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try await tx.query(
                "SELECT \(Feedback.columns) FROM feedback WHERE id IN (\(marks))", chunk.map { .text($0.id) })
            for row in rows {
                let feedback = try Feedback(row: row)
                stored[feedback.id] = feedback
            }
        }
        var fresh: [Feedback] = []
        var duplicates: [String] = []
        var seen: [String: Feedback] = [:]
        for (index, item) in batch.enumerated() {
            if let previous = stored[item.id] ?? seen[item.id] {
                guard previous == item else {
                    throw OtklikError(
                        .conflict, "id '\(item.id)' is already used by different feedback", field: "items[\(index)].id")
                }
                duplicates.append(item.id)
                continue
            }
            seen[item.id] = item
            fresh.append(item)
        }
        return (fresh, duplicates)
    }

    /// Every location, staff, service and device code must exist, or is created when `create` is set.
    static func checkReferences(_ batch: [Feedback], _ tx: any SQLExecutor, create: Bool) async throws {
        let references: [(table: String, field: String, path: KeyPath<Feedback, String?>)] = [
            ("locations", "location", \.location), ("staff", "staff", \.staff),
            ("services", "service", \.service), ("devices", "device", \.device),
        ]
        for reference in references {
            let codes = Set(batch.compactMap { $0[keyPath: reference.path] })
            guard !codes.isEmpty else { continue }
            let known = try await knownCodes(codes.sorted(), table: reference.table, tx)
            let missing = codes.subtracting(known)
            guard !missing.isEmpty else { continue }
            if create && reference.table != "devices" {
                try await tx.insertRows(
                    reference.table, columns: ["code", "name"], rows: missing.sorted().map { [.text($0), .text($0)] })
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
            let rows = try await tx.query("SELECT code FROM \(table) WHERE code IN (\(marks))", chunk.map { .text($0) })
            for row in rows { if let code = row.text("code") { known.insert(code) } }
        }
        return known
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
        if let cursor { add("(ts < ? OR (ts = ? AND id < ?))", .int(cursor.ts), .int(cursor.ts), .text(cursor.id)) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await database.query(
            "SELECT \(Feedback.columns) FROM feedback \(whereClause) ORDER BY ts DESC, id DESC LIMIT ?",
            binds + [.int(Int64(limit + 1))])
        var items = try rows.prefix(limit).map(Feedback.init(row:))
        var next: FeedbackCursor?
        if rows.count > limit, let last = items.last {
            next = FeedbackCursor(ts: Feedback.milliseconds(last.ts), id: last.id)
        }
        items = Array(items)
        return FeedbackPage(items: items, next: next)
    }

    public func get(id: String) async throws -> Feedback? {
        try await database.query("SELECT \(Feedback.columns) FROM feedback WHERE id = ?", [.text(id)])
            .first.map(Feedback.init(row:))
    }

    public func count() async throws -> Int {
        try await database.query("SELECT COUNT(*) AS n FROM feedback").first?.int("n") ?? 0
    }

    public func forEachChunk(size: Int, _ body: ([Feedback]) async throws -> Void) async throws {
        var after: (Int64, String)?
        while true {
            let rows: [SQLRow]
            if let (ts, id) = after {
                rows = try await database.query(
                    "SELECT \(Feedback.columns) FROM feedback WHERE ts > ? OR (ts = ? AND id > ?) ORDER BY ts, id LIMIT ?",
                    [.int(ts), .int(ts), .text(id), .int(Int64(size))])
            } else {
                rows = try await database.query(
                    "SELECT \(Feedback.columns) FROM feedback ORDER BY ts, id LIMIT ?", [.int(Int64(size))])
            }
            guard !rows.isEmpty else { return }
            let chunk = try rows.map(Feedback.init(row:))
            try await body(chunk)
            guard let last = chunk.last, rows.count == size else { return }
            after = (Feedback.milliseconds(last.ts), last.id)
        }
    }
}
