import Foundation
import OtklikCore

/// `otklik import customers` and `POST /api/v1/customers/import`: rows of identities resolved in one transaction
/// (all or nothing) by the same exact resolver as every write, under the merge rules of ``IdentityRules`` as
/// ``IdentityClustering`` applies them to a whole population:
///
/// - a phone that ``PhoneSuperNodes`` finds on too many anchored customers (counting the rows' customers and the
///   phone's stored owner), or that an earlier import found so (`customer_super_nodes`), is a super-node: it links,
///   merges and is attached to no one, and is recorded with the number of customers;
/// - a row carrying a device another customer owns and an identity nobody owns joins that customer only if it holds
///   nothing but devices (``CustomerResolver``'s device rule); otherwise it is a new customer and the pair goes to review;
/// - then a row whose identities other customers already own either merges them into its customer (a strong identity or
///   a phone, within the limits; journaled with actor `import` and the shared identity as evidence) or queues the pair
///   for review (the limits refuse, or only a device is shared).
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
        /// Phones of the rows that are super-nodes (new or known), which linked no one.
        public var superNodes = 0
    }

    public func importRows(_ rows: [CustomerImportRow], actor: String = "import", now: Date = Date()) async throws -> Summary {
        let at = SQLCustomerMergeJournal.ms(now)
        return try await database.transaction { tx in
            var summary = Summary(rows: rows.count)
            let named = Set(rows.lazy.flatMap(\.identities))
            // An empty store (a first import) owns nothing: its owners are not looked up value by value.
            let empty = try await tx.query("SELECT 1 AS one FROM customer_identities LIMIT 1", []).isEmpty
            var stored: [CustomerIdentity: String] = [:]
            if !empty { stored = try await CustomerResolver.owners(of: named, tx) }
            let superNodes = try await Self.superNodes(rows.map(\.identities), named: named, owners: stored, rules: rules, at: at, tx)
            summary.superNodes = superNodes.count
            let claims = superNodes.isEmpty ? rows.map(\.identities) : rows.map { $0.identities.filter { superNodes[$0] == nil } }
            // Who owns each identity the rows name once they are resolved, kept current below as merges move identities
            // (a merge moves all of the absorbed customer's identities to the survivor and points the absorbed at it),
            // and where each resolved customer went: the same answers the database gives, without a query per row.
            var (resolutions, owners, fresh) = try await CustomerResolver.resolve(
                claims, source: "import", at: at, deviceRule: true, owners: stored, in: tx)
            // A customer this import created is merged into no one yet; only the others are read.
            let created = Set(resolutions.lazy.compactMap { $0?.created == true ? $0?.customer : nil })
            var mergedInto = try await Self.mergedInto(Set(resolutions.lazy.compactMap { $0?.customer }).subtracting(created), tx)
            for customer in created { mergedInto[customer] = .some(nil) }
            summary.created = created.count
            var attributes = Attributes()
            var fed = 0
            for index in rows.indices {
                guard let resolution = resolutions[index] else { continue }
                var customer = resolution.customer
                while let into = try await Self.follow(customer, &mergedInto, tx) {
                    customer = into
                }
                for identity in claims[index].sorted() {
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
                        actor: actor, now: now, rules: rules, loaded: both, fresh: fresh.contains(owner), feed: false,
                        in: tx)
                    fed += 1 + merge.movedRecords.values.reduce(0) { $0 + $1.count }
                    // The survivor holds the absorbed customer's records now, if it had any.
                    if !fresh.contains(owner) { fresh.remove(customer) }
                    for moved in merge.movedIdentities { owners[moved] = customer }
                    mergedInto[owner] = .some(customer)
                    summary.merges.append(merge.id)
                }
                attributes.note(rows[index], customer: customer)
            }
            try await attributes.write(at: at, tx)
            // One `customers` event on the change feed for all the merges, counting what they moved.
            if fed > 0 { _ = try await ChangeFeed.append(.customers, records: fed, at: at, in: tx) }
            return summary
        }
    }

    /// The super-node phones among the rows' identities: those an earlier import recorded, and those
    /// ``PhoneSuperNodes`` finds now (recorded here with their count; a larger count replaces a smaller one).
    static func superNodes(
        _ records: [[CustomerIdentity]], named: Set<CustomerIdentity>, owners: [CustomerIdentity: String], rules: IdentityRules, at: Int64,
        _ tx: any SQLExecutor
    ) async throws -> [CustomerIdentity: Int] {
        var known: [CustomerIdentity: Int] = [:]
        for row in try await tx.query("SELECT kind, value, customers FROM customer_super_nodes", []) {
            guard let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)), let value = row.text("value") else { continue }
            let identity = CustomerIdentity(kind: kind, value: value)
            if named.contains(identity) { known[identity] = Int(row.int64("customers") ?? 0) }
        }
        let finder = PhoneSuperNodes(rules: rules)
        let candidates = finder.candidates(records, owners: owners).filter { known[$0.key] == nil }
        let anchored = try await customers(holding: IdentityRules.strong, among: Set(candidates.keys.compactMap { owners[$0] }), tx)
        let found = finder.find(records, candidates: candidates, owners: owners, anchored: anchored)
        let recorded = found.sorted { $0.key < $1.key }
        try await tx.insertRows(
            "customer_super_nodes", columns: ["kind", "value", "customers", "first_seen_at"],
            rows: recorded.map { [.text($0.key.kind.rawValue), .text($0.key.value), .int(Int64($0.value)), .int(at)] },
            suffix: "ON CONFLICT (kind, value) DO NOTHING")
        return known.merging(found) { max($0, $1) }
    }

    /// The customers among `customers` that hold an identity of one of `kinds`, read in chunks of 500.
    static func customers(holding kinds: Set<IdentityKind>, among customers: Set<String>, _ tx: any SQLExecutor) async throws -> Set<String> {
        var found: Set<String> = []
        let ids = customers.sorted()
        let kindMarks = SQLMarks.list(kinds.count)
        let kindBinds = kinds.map(\.rawValue).sorted().map { SQLValue.text($0) }
        let rows = try await tx.query(in: ids, before: kindBinds) { marks in
            "SELECT DISTINCT customer_id FROM customer_identities WHERE kind IN (\(kindMarks)) AND customer_id IN (\(marks))"
        }
        found.formUnion(rows.compactMap { $0.text("customer_id") })
        return found
    }

    /// `merged_into` of each of `customers` (nil inside: not merged), read in chunks of 500.
    static func mergedInto(_ customers: Set<String>, _ tx: any SQLExecutor) async throws -> [String: String?] {
        var found: [String: String?] = [:]
        let ids = customers.sorted()
        for row in try await tx.query(in: ids, { marks in "SELECT id, merged_into FROM customers WHERE id IN (\(marks))" }) {
            guard let id = row.text("id") else { continue }
            found[id] = .some(row.text("merged_into"))
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

}
