import Crypto
import Foundation
import OtklikCore

/// The one place customers are created: inside the caller's write transaction, matches each record's identifiers
/// exactly (``CustomerMatcher``), creates the customers none matched and attaches new identifiers. A customer
/// created from its client's id is named by that id (`C1` stays `C1`, as before this resolver); one created from a
/// contact gets `cus_` and a hash of the identifier, so a retry — or another server resolving the same new phone at
/// the same moment — names the same customer. On PostgreSQL both insert with `ON CONFLICT DO NOTHING` (the later
/// waits for the earlier to commit); the insert returns the identifiers it stored, and the later reads the owners of
/// the others, so both end with one customer.
public enum CustomerResolver {
    /// Resolves one claim list per record (the record's normalised identifiers); nil for a record with none.
    /// - Parameters:
    ///   - now: when the write happens (ms since 1970).
    ///   - times: each record's own time (a feedback's, a call's, a purchase's), when it has one: a customer created by a
    ///     record is known since the earliest of its records in the write, an identity first seen then — so last
    ///     year's imported records do not make their customers "known since today". Never later than `now`.
    public static func resolve(
        _ claims: [[CustomerIdentity]], source: String, at now: Int64, times: [Int64]? = nil, in tx: any SQLExecutor
    ) async throws -> [CustomerMatcher.Resolution?] {
        let all = Set(claims.flatMap { $0 })
        guard !all.isEmpty else { return claims.map { _ in nil } }
        var owners = try await owners(of: all, tx)
        var resolutions = claims.map { CustomerMatcher.resolve($0, owners: &owners, newID: customerID) }
        let created = Set(resolutions.compactMap { $0.flatMap { $0.created ? $0.customer : nil } }).sorted()
        let attached = resolutions.compactMap { $0 }.flatMap { resolution in resolution.attached.map { ($0, resolution.customer) } }
            .sorted { $0.0 < $1.0 }
        guard !attached.isEmpty else { return resolutions }
        // The earliest time of the records that resolved to each new customer and of those carrying each identity.
        var since: [String: Int64] = [:], seen: [CustomerIdentity: Int64] = [:]
        if let times {
            for (index, resolution) in resolutions.enumerated() {
                guard let resolution, index < times.count else { continue }
                let time = min(times[index], now)
                since[resolution.customer] = min(since[resolution.customer] ?? time, time)
                for identity in claims[index] { seen[identity] = min(seen[identity] ?? time, time) }
            }
        }
        try await tx.insertRows(
            "customers", columns: ["id", "created_at"], rows: created.map { [.text($0), .int(since[$0] ?? now)] }, suffix: "ON CONFLICT (id) DO NOTHING")
        let stored = try await tx.insertRows(
            "customer_identities", columns: ["kind", "value", "customer_id", "source", "first_seen_at"],
            rows: attached.map { [.text($0.0.kind.rawValue), .text($0.0.value), .text($0.1), .text(source), .int(seen[$0.0] ?? now)] },
            suffix: "ON CONFLICT (kind, value) DO NOTHING", returning: "kind, value"
        ).compactMap { row in
            row.text("kind").flatMap(IdentityKind.init(rawValue:)).flatMap { kind in row.text("value").map { CustomerIdentity(kind: kind, value: $0) } }
        }
        // Another transaction may have attached some of these first (it committed while this one waited): its owner wins.
        // Only those — the ones this insert did not store — are read; what this transaction wrote is not read back.
        let lost = Set(attached.map { $0.0 }).subtracting(stored)
        guard !lost.isEmpty else { return resolutions }
        let actual = try await Self.owners(of: lost, tx)
        for index in resolutions.indices {
            guard let resolution = resolutions[index], let owner = actual[resolution.linkedBy], owner != resolution.customer else { continue }
            resolutions[index]?.customer = owner
            resolutions[index]?.created = false
        }
        let kept = Set(resolutions.compactMap { $0?.customer })
        for id in created where !kept.contains(id) {
            try await tx.execute(
                "DELETE FROM customers WHERE id = ? AND NOT EXISTS (SELECT 1 FROM customer_identities WHERE customer_id = ?)",
                [.text(id), .text(id)])
        }
        return resolutions
    }

    /// The id of a customer created from `identity`: the client's own id verbatim, otherwise `cus_` and 20 hex digits
    /// of SHA-256 of `kind:value` (never the contact itself).
    public static func customerID(_ identity: CustomerIdentity) -> String {
        if identity.kind == .external { return identity.value }
        let digest = SHA256.hash(data: Data("\(identity.kind.rawValue):\(identity.value)".utf8))
        return "cus_" + SecretToken.hex(digest).prefix(20)
    }

    /// Who owns each of `identities` now.
    static func owners(of identities: Set<CustomerIdentity>, _ tx: any SQLExecutor) async throws -> [CustomerIdentity: String] {
        var owners: [CustomerIdentity: String] = [:]
        let values = Array(Set(identities.map(\.value))).sorted()
        for start in stride(from: 0, to: values.count, by: 500) {
            let chunk = values[start..<min(start + 500, values.count)]
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ", ")
            let rows = try await tx.query(
                "SELECT kind, value, customer_id FROM customer_identities WHERE value IN (\(marks))", chunk.map { .text($0) })
            for row in rows {
                guard let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)), let value = row.text("value"),
                    let customer = row.text("customer_id")
                else { continue }
                let identity = CustomerIdentity(kind: kind, value: value)
                if identities.contains(identity) { owners[identity] = customer }
            }
        }
        return owners
    }
}
