import Foundation
import OtklikCore

/// The review queue of probable matches: pairs of customers sharing an identity the rules would not merge on. One
/// item per pair (the first reason stays); a person merges them (journaled like any merge) or keeps them apart.
public struct SQLCustomerReviewQueue: Sendable {
    let database: any SQLDatabase
    let journal: SQLCustomerMergeJournal

    public init(database: any SQLDatabase, rules: IdentityRules = .standard) {
        self.database = database
        journal = SQLCustomerMergeJournal(database: database, rules: rules)
    }

    /// Queues a pair (either order) unless it is queued or decided already; true when it was added.
    @discardableResult
    public func propose(_ a: String, _ b: String, shared: CustomerIdentity, reason: MergeRefusal, now: Date = Date()) async throws -> Bool {
        try await database.transaction { tx in try await Self.propose(a, b, shared: shared, reason: reason, now: now, in: tx) }
    }

    static func propose(
        _ a: String, _ b: String, shared: CustomerIdentity, reason: MergeRefusal, now: Date, in tx: any SQLExecutor
    ) async throws -> Bool {
        guard a != b else { return false }
        let (left, right) = a < b ? (a, b) : (b, a)
        let id = "rev_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
        return !(try await tx.query(
            """
            INSERT INTO customer_review (id, left_id, right_id, reason, shared_kind, shared_value, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (left_id, right_id) DO NOTHING RETURNING id
            """,
            [.text(String(id)), .text(left), .text(right), .text(reason.code), .text(shared.kind.rawValue), .text(shared.value),
             .int(SQLCustomerMergeJournal.ms(now))]).isEmpty)
    }

    /// Open items, oldest first.
    public func open(limit: Int = 100) async throws -> [CustomerReviewItem] {
        try await database.query(
            "SELECT * FROM customer_review WHERE decided_at IS NULL ORDER BY created_at, id LIMIT ?", [.int(Int64(max(1, min(limit, 1000))))]
        ).compactMap(Self.item(row:))
    }

    public func item(id: String) async throws -> CustomerReviewItem? {
        try await database.query("SELECT * FROM customer_review WHERE id = ?", [.text(id)]).first.flatMap(Self.item(row:))
    }

    /// Merges an open item's pair (the left customer survives unless only the right one has an external id).
    public func merge(item id: String, actor: String, now: Date = Date()) async throws -> CustomerMerge {
        guard let item = try await item(id: id) else { throw OtklikError(.notFound, "no such review item: \(id)", field: "id") }
        guard item.decision == nil else { throw OtklikError(.conflict, "review item \(id) was already decided", field: "id") }
        let rules = journal.rules
        return try await database.transaction { tx in
            let rows = try await CustomerRows.load([item.left, item.right], tx)
            let rightOnlyExternal = rows[item.right]?.customer.identities.contains { $0.identity.kind == .external } == true
                && rows[item.left]?.customer.identities.contains { $0.identity.kind == .external } != true
            let (survivor, absorbed) = rightOnlyExternal ? (item.right, item.left) : (item.left, item.right)
            return try await SQLCustomerMergeJournal.merge(
                survivor: survivor, absorbed: absorbed,
                evidence: ["rule": "review", "review": id, "reason": item.reason.code, "shared": "\(item.shared.kind.rawValue):\(item.shared.value)"],
                actor: actor, now: now, rules: rules, in: tx)
        }
    }

    /// Keeps an open item's pair apart: it leaves the queue and is not proposed again.
    public func keepApart(item id: String, actor: String, now: Date = Date()) async throws {
        let updated = try await database.transaction { tx in
            try await tx.query(
                """
                UPDATE customer_review SET decision = 'kept_apart', decided_at = ?, decided_by = ? WHERE id = ? AND decided_at IS NULL RETURNING id
                """, [.int(SQLCustomerMergeJournal.ms(now)), .text(actor), .text(id)])
        }
        guard updated.isEmpty else { return }
        if try await item(id: id) == nil { throw OtklikError(.notFound, "no such review item: \(id)", field: "id") }
        throw OtklikError(.conflict, "review item \(id) was already decided", field: "id")
    }

    static func item(row: SQLRow) -> CustomerReviewItem? {
        guard let id = row.text("id"), let left = row.text("left_id"), let right = row.text("right_id"),
            let reason = row.text("reason").flatMap(MergeRefusal.init(code:)), let kind = row.text("shared_kind").flatMap(IdentityKind.init(rawValue:)),
            let value = row.text("shared_value")
        else { return nil }
        return CustomerReviewItem(
            id: id, left: left, right: right, reason: reason, shared: CustomerIdentity(kind: kind, value: value),
            createdAt: SQLCustomerMergeJournal.date(row.int64("created_at")) ?? Date(timeIntervalSince1970: 0),
            decision: row.text("decision").flatMap(CustomerReviewItem.Decision.init(rawValue:)),
            decidedAt: SQLCustomerMergeJournal.date(row.int64("decided_at")), decidedBy: row.text("decided_by"), mergeID: row.text("merge_id"))
    }
}
