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
    ///   - deviceRule: the import's device rule (``CustomerMatcher``): a record carrying a device someone else owns and
    ///     an identifier nobody owns links to the device's customer only if that customer holds nothing but devices.
    public static func resolve(
        _ claims: [[CustomerIdentity]], source: String, at now: Int64, times: [Int64]? = nil, deviceRule: Bool = false,
        in tx: any SQLExecutor
    ) async throws -> [CustomerMatcher.Resolution?] {
        let claims = try await withoutSuperNodes(claims, tx)
        return try await resolve(claims, source: source, at: now, times: times, deviceRule: deviceRule, owners: nil, in: tx).resolutions
    }

    /// The claims without the phones an import recorded as super-nodes (`customer_super_nodes`: a shared office phone):
    /// on a record written one by one (a feedback, a call) such a phone links and is attached to no one, as in the
    /// import. One query per write that carries a phone.
    static func withoutSuperNodes(_ claims: [[CustomerIdentity]], _ tx: any SQLExecutor) async throws -> [[CustomerIdentity]] {
        let phones = Set(claims.joined().filter { $0.kind == .phone }.map(\.value)).sorted()
        guard !phones.isEmpty else { return claims }
        var recorded: Set<String> = []
        let rows = try await tx.query(in: phones) { marks in "SELECT value FROM customer_super_nodes WHERE kind = 'phone' AND value IN (\(marks))" }
        recorded.formUnion(rows.compactMap { $0.text("value") })
        guard !recorded.isEmpty else { return claims }
        return claims.map { claim in claim.filter { !($0.kind == .phone && recorded.contains($0.value)) } }
    }

    /// ``resolve(_:source:at:times:deviceRule:in:)`` given the owners of the claims' identities when the caller read
    /// them already (`known`), returning also who owns each of them once the claims are resolved, and the customers this
    /// call inserted (new rows: no record references them yet).
    static func resolve(
        _ claims: [[CustomerIdentity]], source: String, at now: Int64, times: [Int64]? = nil, deviceRule: Bool,
        owners known: [CustomerIdentity: String]?, in tx: any SQLExecutor
    ) async throws -> (resolutions: [CustomerMatcher.Resolution?], owners: [CustomerIdentity: String], inserted: Set<String>) {
        let all = Set(claims.flatMap { $0 })
        guard !all.isEmpty else { return (claims.map { _ in nil }, [:], []) }
        var owners: [CustomerIdentity: String]
        if let known { owners = known } else { owners = try await Self.owners(of: all, tx) }
        var resolutions: [CustomerMatcher.Resolution?]
        if deviceRule {
            var rich = try await holdingOther(than: .device, owners, tx)
            resolutions = []
            resolutions.reserveCapacity(claims.count)
            for claim in claims {
                let resolution = CustomerMatcher.resolve(claim, owners: &owners, newID: customerID, holdsOther: { rich.contains($0) })
                if let resolution, resolution.linkedBy.kind != .device || resolution.attached.contains(where: { $0.kind != .device }) {
                    rich.insert(resolution.customer)
                }
                resolutions.append(resolution)
            }
        } else {
            resolutions = claims.map { CustomerMatcher.resolve($0, owners: &owners, newID: customerID) }
        }
        let created = Set(resolutions.compactMap { $0.flatMap { $0.created ? $0.customer : nil } }).sorted()
        var inserted: Set<String> = []
        let attached = resolutions.compactMap { $0 }.flatMap { resolution in resolution.attached.map { ($0, resolution.customer) } }
            .sorted { $0.0 < $1.0 }
        guard !attached.isEmpty else { return (resolutions, owners, inserted) }
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
        let customerRows: [[SQLValue]] = created.map { [.text($0), .int(since[$0] ?? now)] }
        // Only the customers this insert stored (another transaction may have created some first). On SQLite the driver
        // tells them from its change count, not a `RETURNING` clause (for which SQLite builds a temporary table on every
        // execution: about 4 % of a 300,000-call import, docs/benchmarks.md "Importing calls").
        inserted = Set(try await tx.insertRows(
            "customers", columns: ["id", "created_at"], rows: customerRows, suffix: "ON CONFLICT (id) DO NOTHING", returning: "id"
        ).compactMap { $0.text("id") })
        let identityRows: [[SQLValue]] = attached.map {
            [.text($0.0.kind.rawValue), .text($0.0.value), .text($0.1), .text(source), .int(seen[$0.0] ?? now)]
        }
        let identityColumns = ["kind", "value", "customer_id", "source", "first_seen_at"]
        let stored = try await tx.insertRows(
            "customer_identities", columns: identityColumns, rows: identityRows, suffix: "ON CONFLICT (kind, value) DO NOTHING",
            returning: "kind, value"
        ).compactMap { row in
            row.text("kind").flatMap(IdentityKind.init(rawValue:)).flatMap { kind in row.text("value").map { CustomerIdentity(kind: kind, value: $0) } }
        }
        // Another transaction may have attached some of these first (it committed while this one waited): its owner wins.
        // Only those — the ones this insert did not store — are read; what this transaction wrote is not read back.
        let lost = Set(attached.map { $0.0 }).subtracting(stored)
        guard !lost.isEmpty else { return (resolutions, owners, inserted) }
        let actual = try await Self.owners(of: lost, tx)
        for identity in lost { owners[identity] = actual[identity] }
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
        return (resolutions, owners, inserted)
    }

    /// The id of a customer created from `identity`: the client's own id verbatim, otherwise `cus_` and 20 hex digits
    /// of SHA-256 of `kind:value` (never the contact itself).
    public static func customerID(_ identity: CustomerIdentity) -> String {
        if identity.kind == .external { return identity.value }
        let digest = SHA256.hash(data: Data("\(identity.kind.rawValue):\(identity.value)".utf8))
        return "cus_" + SecretToken.hex(digest).prefix(20)
    }

    /// The customers among `owners`' that hold an identity of another kind than `kind`: those owning one of the
    /// identities named, and (read in chunks of 500) the owners of the `kind` identities that hold another elsewhere.
    static func holdingOther(
        than kind: IdentityKind, _ owners: [CustomerIdentity: String], _ tx: any SQLExecutor
    ) async throws -> Set<String> {
        var found = Set(owners.lazy.filter { $0.key.kind != kind }.map(\.value))
        let unknown = Set(owners.lazy.filter { $0.key.kind == kind }.map(\.value)).subtracting(found).sorted()
        let rows = try await tx.query(in: unknown, before: [.text(kind.rawValue)]) { marks in
            "SELECT DISTINCT customer_id FROM customer_identities WHERE kind <> ? AND customer_id IN (\(marks))"
        }
        found.formUnion(rows.compactMap { $0.text("customer_id") })
        return found
    }

    /// Who owns each of `identities` now.
    static func owners(of identities: Set<CustomerIdentity>, _ tx: any SQLExecutor) async throws -> [CustomerIdentity: String] {
        var owners: [CustomerIdentity: String] = [:]
        let values = Array(Set(identities.map(\.value))).sorted()
        let rows = try await tx.query(in: values) { marks in "SELECT kind, value, customer_id FROM customer_identities WHERE value IN (\(marks))" }
        for row in rows {
            guard let kind = row.text("kind").flatMap(IdentityKind.init(rawValue:)), let value = row.text("value"),
                let customer = row.text("customer_id")
            else { continue }
            let identity = CustomerIdentity(kind: kind, value: value)
            if identities.contains(identity) { owners[identity] = customer }
        }
        return owners
    }
}
