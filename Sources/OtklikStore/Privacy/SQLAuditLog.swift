import Foundation
import OtklikCore

/// The audit log of personal data (`audit_log`): written by every read or change of a customer's data, listed by
/// `GET /api/v1/audit` and `otklik audit list`. Each entry's detail is stored twice: as data (`facts`, JSON of
/// ``AuditDetail``) and in English words (`detail`, for the API's and the command line's readers).
public struct SQLAuditLog: Sendable {
    let database: any SQLExecutor

    public init(database: any SQLExecutor) {
        self.database = database
    }

    static func ms(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public func record(_ entry: AuditEntry) async throws {
        try await database.execute(
            "INSERT INTO audit_log (id, at, actor, action, subject_kind, subject_id, detail, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.text(entry.id), .int(Self.ms(entry.at)), .text(entry.actor), .text(entry.action), .text(entry.subjectKind),
             SQLValue(entry.subjectId), SQLValue(entry.detail), SQLValue(entry.facts?.json)])
    }

    /// Records `action` by `actor` on customer `id`, with what happened as data (`detail`).
    public func record(_ action: String, by actor: String, customer id: String?, detail: AuditDetail? = nil, at now: Date = Date()) async throws {
        try await record(AuditEntry(at: now, actor: actor, action: action, subjectId: id, facts: detail))
    }

    /// The entries matching `filter`, newest first, and how many match in all.
    public func list(_ filter: AuditFilter) async throws -> (entries: [AuditEntry], total: Int) {
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let actor = filter.actor { conditions.append("actor = ?"); binds.append(.text(actor)) }
        if let action = filter.action { conditions.append("action = ?"); binds.append(.text(action)) }
        if let subject = filter.subjectId { conditions.append("subject_id = ?"); binds.append(.text(subject)) }
        if let since = filter.since { conditions.append("at >= ?"); binds.append(.int(Self.ms(since))) }
        if let until = filter.until { conditions.append("at < ?"); binds.append(.int(Self.ms(until))) }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        let total = try await database.query("SELECT COUNT(*) AS n FROM audit_log" + whereClause, binds).first?.int("n") ?? 0
        let rows = try await database.query(
            "SELECT id, at, actor, action, subject_kind, subject_id, detail, facts FROM audit_log" + whereClause
                + " ORDER BY at DESC, id DESC LIMIT ? OFFSET ?", binds + [.int(Int64(filter.limit)), .int(Int64(filter.offset))])
        let entries = rows.map { row in
            let action = row.text("action") ?? "", detail = row.text("detail")
            // Facts a newer version wrote in a kind this one does not know are read as an older entry's are.
            let facts = row.text("facts").flatMap(AuditDetail.decode(json:)) ?? AuditDetail.parse(action: action, detail: detail)
            return AuditEntry(
                id: row.text("id") ?? "", at: Date(timeIntervalSince1970: Double(row.int64("at") ?? 0) / 1000), actor: row.text("actor") ?? "",
                action: action, subjectKind: row.text("subject_kind") ?? "", subjectId: row.text("subject_id"), detail: detail, facts: facts)
        }
        return (entries, total)
    }

    /// Everyone who has an entry (`user:NAME`, `api:KEY NAME`, `cli`), sorted, at most `limit`: the audit page's choice of who.
    public func actors(limit: Int = 500) async throws -> [String] {
        try await database.query("SELECT DISTINCT actor FROM audit_log ORDER BY actor LIMIT ?", [.int(Int64(limit))]).compactMap { $0.text("actor") }
    }

    /// Which of `ids` are customers still held (not erased): the audit page links to those customers' pages only.
    public func heldCustomers(_ ids: Set<String>) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        let sorted = ids.sorted()
        let marks = SQLMarks.list(sorted.count)
        return Set(try await database.query("SELECT id FROM customers WHERE id IN (\(marks))", sorted.map { .text($0) }).compactMap { $0.text("id") })
    }

    /// Deletes entries older than `before` (the audit log's own retention); returns how many.
    @discardableResult
    public func prune(before: Date) async throws -> Int {
        let cutoff = Self.ms(before)
        let n = try await database.query("SELECT COUNT(*) AS n FROM audit_log WHERE at < ?", [.int(cutoff)]).first?.int("n") ?? 0
        if n > 0 { try await database.execute("DELETE FROM audit_log WHERE at < ?", [.int(cutoff)]) }
        return n
    }
}
