import Foundation
import OtklikCore

/// ``CustomerRepository`` on either engine.
public struct SQLCustomerRepository: CustomerRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func search(_ query: String, limit: Int, locations: Set<String>?) async throws -> [Customer] {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= 200 else { return [] }
        let limit = max(1, min(limit, 100))
        var ids: [String] = []
        func add(_ id: String) { if !ids.contains(id) { ids.append(id) } }
        let candidates = Set(IdentityNormalizer.candidates(text))
        let owners = try await CustomerResolver.owners(of: candidates, database)
        for identity in candidates.sorted() { if let owner = owners[identity] { add(owner) } }
        for row in try await database.query("SELECT id FROM customers WHERE id = ?", [.text(text)]) { if let id = row.text("id") { add(id) } }
        let pattern = "%" + text.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        // A scoped search reads names further, as some named customers are not the caller's.
        let named = try await database.query(
            "SELECT id FROM customers WHERE search_name LIKE ? ESCAPE '\\' ORDER BY search_name, id LIMIT ?",
            [.text(pattern), .int(Int64(locations == nil ? limit : 1_000))])
        for row in named { if let id = row.text("id") { add(id) } }
        if let locations {
            var visible: [String] = []
            for id in ids where visible.count < limit {
                if try await hasRecord(customer: id, at: locations) { visible.append(id) }
            }
            ids = visible
        }
        return try await customers(ids: Array(ids.prefix(limit)))
    }

    public func customer(id: String) async throws -> Customer? {
        try await customers(ids: [id]).first
    }

    public func customerID(ofFeedback feedback: String) async throws -> String? {
        try await database.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(feedback)]).first?.text("customer_id")
    }

    public func updateProfile(customer: String, displayName: String?, lang: String?) async throws {
        if let displayName {
            let name = displayName.trimmingCharacters(in: .whitespacesAndNewlines)
            try await database.execute(
                "UPDATE customers SET display_name = ?, search_name = ? WHERE id = ?",
                [SQLValue(name.isEmpty ? nil : name), SQLValue(name.isEmpty ? nil : name.lowercased()), .text(customer)])
        }
        if let lang { try await database.execute("UPDATE customers SET lang = ? WHERE id = ?", [.text(lang), .text(customer)]) }
    }

    /// The customers of `ids`, in that order, with their identities.
    func customers(ids: [String]) async throws -> [Customer] {
        guard !ids.isEmpty else { return [] }
        let marks = SQLMarks.list(ids.count)
        let binds = ids.map { SQLValue.text($0) }
        var identities: [String: [StoredIdentity]] = [:]
        let identityRows = try await database.query(
            "SELECT customer_id, kind, value, source, first_seen_at FROM customer_identities WHERE customer_id IN (\(marks)) ORDER BY kind, value",
            binds)
        for row in identityRows {
            guard let customer = row.text("customer_id"), let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)),
                let value = row.text("value")
            else { continue }
            identities[customer, default: []].append(StoredIdentity(
                identity: CustomerIdentity(kind: kind, value: value), source: row.text("source") ?? "",
                firstSeenAt: Self.date(row.int64("first_seen_at") ?? 0)))
        }
        var found: [String: Customer] = [:]
        for row in try await database.query(
            "SELECT id, created_at, display_name, lang, erased FROM customers WHERE id IN (\(marks))", binds)
        {
            guard let id = row.text("id") else { continue }
            found[id] = Customer(
                id: id, createdAt: Self.date(row.int64("created_at") ?? 0), displayName: row.text("display_name"), lang: row.text("lang"),
                erased: (row.int64("erased") ?? 0) != 0, identities: (identities[id] ?? []).sorted { $0.identity < $1.identity })
        }
        return ids.compactMap { found[$0] }
    }

    public func timeline(of customer: String, offset: Int, limit: Int, locations: Set<String>?) async throws -> TimelinePage {
        // At most a billion: offset + limit must not overflow (a page address of ?offset=9223372036854775807 trapped).
        let offset = min(max(0, offset), 1_000_000_000)
        let limit = max(1, min(limit, 200))
        let source = CustomerTimelineSource(database: database, customer: customer, locations: locations.map { $0.sorted() })
        let page = try await source.page(offset: offset, limit: limit)
        let total = try await source.total()
        return TimelinePage(items: page, offset: offset, nextOffset: offset + page.count < total ? offset + page.count : nil, total: total)
    }

    public func hasRecord(customer: String, at locations: Set<String>) async throws -> Bool {
        guard !locations.isEmpty else { return false }
        let codes = locations.sorted()
        let marks = SQLMarks.list(codes.count)
        let tables = ["feedback", "interactions", "service_requests", "transactions"]
        let sql = tables.map { "SELECT 1 AS found FROM \($0) WHERE customer_id = ? AND location_code IN (\(marks))" }.joined(separator: " UNION ALL ")
        let binds = tables.flatMap { _ in [SQLValue.text(customer)] + codes.map { SQLValue.text($0) } }
        return try await !database.query("SELECT found FROM (\(sql)) AS records LIMIT 1", binds).isEmpty
    }

    static func date(_ ms: Int64) -> Date { Date(timeIntervalSince1970: Double(ms) / 1000) }
}
