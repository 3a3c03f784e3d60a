import Foundation
import OtklikCore

/// `otklik import customers` and `POST /api/v1/customers/import`: rows of identities resolved in one transaction
/// (all or nothing) by the same exact resolver as every write, then the merge rules applied to what the rows reveal —
/// a row whose identities other customers already own either merges them into its customer (a strong identity or a
/// phone, within the limits; journaled with actor `import` and the shared identity as evidence) or queues the pair
/// for review (the limits refuse, or only a device is shared).
public struct SQLCustomerImport: Sendable {
    let database: any SQLDatabase
    let rules: IdentityRules

    public init(database: any SQLDatabase, rules: IdentityRules = .standard) {
        self.database = database
        self.rules = rules
    }

    public struct Summary: Sendable, Equatable {
        public var rows = 0
        public var created = 0
        public var merges: [String] = []
        public var reviewed = 0
    }

    public func importRows(_ rows: [CustomerImportRow], actor: String = "import", now: Date = Date()) async throws -> Summary {
        let at = SQLCustomerMergeJournal.ms(now)
        return try await database.transaction { tx in
            var summary = Summary(rows: rows.count)
            let resolutions = try await CustomerResolver.resolve(rows.map(\.identities), source: "import", at: at, in: tx)
            summary.created = Set(resolutions.compactMap { $0?.created == true ? $0?.customer : nil }).count
            // Who owns each identity the rows name and where each resolved customer went, read once in chunks and kept
            // current below as merges move identities (a merge moves all of the absorbed customer's identities to the
            // survivor and points the absorbed at it): the same answers the database gives, without a query per row.
            var owners = try await CustomerResolver.owners(of: Set(rows.flatMap(\.identities)), tx)
            var mergedInto = try await Self.mergedInto(Set(resolutions.compactMap { $0?.customer }), tx)
            for (row, resolution) in zip(rows, resolutions) {
                guard let resolution else { continue }
                var customer = resolution.customer
                while let into = try await Self.follow(customer, &mergedInto, tx) {
                    customer = into
                }
                for identity in row.identities.sorted() {
                    guard let owner = owners[identity], owner != customer else { continue }
                    let both = try await CustomerRows.load([customer, owner], tx)
                    guard let mine = both[customer]?.customer, let theirs = both[owner]?.customer else { continue }
                    let onlyDevice = identity.kind == .device
                        && mine.identities.contains { $0.identity.kind != .device } && theirs.identities.contains { $0.identity.kind != .device }
                    if onlyDevice {
                        summary.reviewed += try await SQLCustomerReviewQueue.propose(customer, owner, shared: identity, reason: .sharedDevice, now: now, in: tx) ? 1 : 0
                        continue
                    }
                    if case .refused = CustomerMergeCheck.check(survivor: mine, absorbed: theirs, rules: rules) {
                        let reason = rules.limitConflict(CustomerMergeCheck.held(mine), CustomerMergeCheck.held(theirs)) ?? .conflictingExternalIDs
                        summary.reviewed += try await SQLCustomerReviewQueue.propose(customer, owner, shared: identity, reason: reason, now: now, in: tx) ? 1 : 0
                        continue
                    }
                    let merge = try await SQLCustomerMergeJournal.merge(
                        survivor: customer, absorbed: owner, evidence: ["rule": "exact:\(identity.kind.rawValue)", "shared": "\(identity.kind.rawValue):\(identity.value)"],
                        actor: actor, now: now, rules: rules, in: tx)
                    for moved in merge.movedIdentities { owners[moved] = customer }
                    mergedInto[owner] = .some(customer)
                    summary.merges.append(merge.id)
                }
                try await apply(row, to: customer, at: at, tx)
            }
            return summary
        }
    }

    /// `merged_into` of each of `customers` (nil inside: not merged), read in chunks of 500.
    static func mergedInto(_ customers: Set<String>, _ tx: any SQLExecutor) async throws -> [String: String?] {
        var found: [String: String?] = [:]
        let ids = customers.sorted()
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = ids[start..<min(start + 500, ids.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            for row in try await tx.query("SELECT id, merged_into FROM customers WHERE id IN (\(marks))", chunk.map { .text($0) }) {
                guard let id = row.text("id") else { continue }
                found[id] = .some(row.text("merged_into"))
            }
        }
        return found
    }

    /// The customer `customer` was merged into, from `known` or (once, then kept) the database.
    static func follow(_ customer: String, _ known: inout [String: String?], _ tx: any SQLExecutor) async throws -> String? {
        if let into = known[customer] { return into }
        let into = try await tx.query("SELECT merged_into FROM customers WHERE id = ?", [.text(customer)]).first?.text("merged_into")
        known[customer] = .some(into)
        return into
    }

    func apply(_ row: CustomerImportRow, to customer: String, at: Int64, _ tx: any SQLExecutor) async throws {
        if let lang = row.lang { try await tx.execute("UPDATE customers SET lang = ? WHERE id = ?", [.text(lang), .text(customer)]) }
        if let zone = row.timeZone {
            try await tx.execute(
                """
                INSERT INTO customer_contact_preferences (customer_id, time_zone, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
                """, [.text(customer), .text(zone), .int(at)])
        }
        if row.acquisitionSource != nil || row.acquiredAt != nil {
            try await tx.execute(
                """
                INSERT INTO customer_acquisition (customer_id, source, acquired_at) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET source = excluded.source, acquired_at = excluded.acquired_at
                """,
                [.text(customer), SQLValue(row.acquisitionSource),
                 row.acquiredAt.map { .int(SQLCustomerMergeJournal.ms($0)) } ?? .null])
        }
    }
}
