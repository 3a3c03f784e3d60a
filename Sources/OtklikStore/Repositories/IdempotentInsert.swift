import Foundation
import OtklikCore

/// The write path every client-id record shares. For a group of requests, inside one transaction:
/// read which ids are already stored and which referenced codes exist (one query per table for the
/// whole group), decide each request in memory — an id stored with the same content is a duplicate,
/// with other content a conflict; an unknown code is refused or, for imports, created — then insert
/// the accepted requests' records with multi-row statements, each referencing the customer ``CustomerResolver``
/// resolved from its identifiers, stamped with the position of the change-feed event the transaction appends. A refused request writes
/// nothing and gets its own error; the others are unaffected.
enum IdempotentInsert {
    struct Request<R: StoredRecord> {
        var items: [R]
        var createMissingReferences: Bool
        /// Ids sent without a time (the server gave them its own): a stored record with another time is still their duplicate.
        var untimed: Set<String> = []
        /// The items are ``NormalizedRecord/normalized()`` already (a bulk import normalises a chunk while the one before
        /// it is written), so the write does not normalise them again.
        var normalized = false

        /// The items, ``NormalizedRecord/normalized()`` unless they are already.
        var normalizedItems: [R] { normalized ? items : items.map { $0.normalized() } }

        /// The request with its items normalised, so that later reads and writes of it do not normalise them again.
        func normalizedOnce() -> Request {
            guard !normalized else { return self }
            var request = self
            request.items = normalizedItems
            request.normalized = true
            return request
        }
    }

    /// Writes a chunk of a bulk import (``BulkImport``): its stored ids are looked up by range first
    /// (``storedCandidates(_:table:_:)``), and the change-feed event is appended as always but no ``CommittedGroup`` is
    /// assembled (a command-line import has no in-memory consumers).
    static func write<R: StoredRecord>(_ requests: [Request<R>], in tx: any SQLExecutor) async throws -> [Result<InsertOutcome, any Error>] {
        try await writeGroup(requests, in: tx, bulk: true).results
    }

    /// Writes a group of requests (``GroupCommitter``), also returning what it wrote to the change feed (nil when it
    /// stored nothing, or for a `bulk` chunk, ``write(_:in:)``).
    ///
    /// `reads`, when given, are the group's stored records and known codes read before the transaction
    /// (``read(_:in:)``): the transaction then reads only the codes they did not find. A record another writer stored
    /// since is a unique violation, and a stored record revised since a ``StaleRevision``: the caller writes the group
    /// again without `reads`.
    static func writeGroup<R: StoredRecord>(
        _ requests: [Request<R>], in tx: any SQLExecutor, bulk: Bool = false, reads: GroupReads<R>? = nil
    ) async throws -> (results: [Result<InsertOutcome, any Error>], written: CommittedGroup<R>?) {
        let batches = requests.map(\.normalizedItems)
        let all = batches.count == 1 ? batches[0] : batches.flatMap { $0 }
        var stored: [String: R]
        var known: [String: Set<String>]
        if let reads {
            stored = reads.stored
            known = reads.known
            let unknown = referencedCodes(all).map { table, codes in (table, codes.subtracting(known[table] ?? [])) }.filter { !$0.1.isEmpty }
            if !unknown.isEmpty {
                for (table, codes) in try await knownCodes(unknown, tx) { known[table, default: []].formUnion(codes) }
            }
        } else {
            stored = try await storedRecords(ids: Array(Set(all.map(\.id))), byRange: bulk, tx)
            known = try await knownCodes(referencedCodes(all), tx)
        }
        var results: [Result<InsertOutcome, any Error>] = []
        var accepted: [R] = []
        // Records stored before the group and revised by it (a service request closing), by id: the row is updated.
        var revised: [String: R] = [:]
        var created: [String: Set<String>] = [:]
        for (offset, (request, batch)) in zip(requests, batches).enumerated() {
            do {
                let split = try split(batch, stored: stored, untimed: request.untimed)
                let missing = try missingReferences(split.fresh, known: known, create: request.createMissingReferences)
                for (table, codes) in missing {
                    created[table, default: []].formUnion(codes)
                    known[table, default: []].formUnion(codes)
                }
                // Later requests of the group see these as stored; the last request has none after it.
                if offset < requests.count - 1 { for record in split.fresh { stored[record.id] = record } }
                accepted += split.fresh
                for record in split.revised {
                    stored[record.id] = record
                    // A record this group inserts is inserted as revised; one stored before is updated.
                    if let index = accepted.firstIndex(where: { $0.id == record.id }) { accepted[index] = record } else { revised[record.id] = record }
                }
                results.append(.success(InsertOutcome(
                    inserted: split.fresh.map(\.id), duplicates: split.duplicates, updated: split.revised.map(\.id))))
            } catch {
                results.append(.failure(error))
            }
        }
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        for (table, codes) in created.sorted(by: { $0.key < $1.key }) {
            try await tx.insertRows(table, columns: ["code", "name"], rows: codes.sorted().map { [.text($0), .text($0)] })
        }
        guard !accepted.isEmpty || !revised.isEmpty else { return (results, nil) }
        let customerColumn = R.columnList.firstIndex(of: "customer_id")
        let linkColumn = R.columnList.firstIndex(of: "customer_link")
        var customers: [CustomerMatcher.Resolution?] = accepted.map { _ in nil }
        if customerColumn != nil {
            customers = try await CustomerResolver.resolve(
                accepted.map(\.identityClaims), source: R.table, at: now,
                times: accepted.map { record in record.occurredAt.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) } ?? now }, in: tx)
        }
        let position = try await ChangeFeed.append(R.feedKind, records: accepted.count + revised.count, at: now, in: tx)
        let rows = zip(accepted, customers).map { record, customer in
            var row = record.binds(receivedAt: now)
            if let customerColumn { row[customerColumn] = SQLValue(customer?.customer) }
            if let linkColumn { row[linkColumn] = SQLValue(customer?.linkedBy.kind.rawValue) }
            row.append(.int(position))
            return row
        }
        if !rows.isEmpty { try await tx.insertRows(R.table, columns: R.columnList + ["feed_position"], rows: rows) }
        try await R.writeDerived(accepted, receivedAt: now, in: tx)
        let revisions = revised.values.sorted { $0.id < $1.id }
        try await R.writeRevisions(revisions, position: position, in: tx)
        guard !bulk else { return (results, nil) }
        var linked: [String: String] = [:]
        var external = Set<String>()
        for (record, customer) in zip(accepted, customers) {
            guard let customer else { continue }
            linked[record.id] = customer.customer
            if customer.linkedBy.kind == .external { external.insert(record.id) }
        }
        // A revised record keeps the customer it was stored with.
        for record in revisions { if let id = record.customer { linked[record.id] = id } }
        let group = CommittedGroup(
            position: position, records: accepted + revisions, customers: linked, externallyLinked: external,
            receivedAt: Date(timeIntervalSince1970: TimeInterval(now) / 1000))
        // This process's analytics engine applies it as written once it is committed, without reading it back.
        if let batch = R.engineBatch(group) { LocalCommits.appending?.add(position, .facts(batch, records: group.records.count)) }
        return (results, group)
    }

    /// What a group reads before it writes: the records stored under its ids and the referenced codes that exist.
    struct GroupReads<R: StoredRecord>: Sendable {
        var stored: [String: R]
        var known: [String: Set<String>]
    }

    /// Reads a group's stored records and known codes outside its write transaction (on SQLite one of the pool's
    /// readers, while another transaction may hold the writer's lock), for ``writeGroup(_:in:bulk:reads:)``. Pass
    /// requests normalised once (``Request/normalizedOnce()``), or their items are normalised here and again in the write.
    static func read<R: StoredRecord>(_ requests: [Request<R>], in executor: any SQLExecutor) async throws -> GroupReads<R> {
        let all = requests.count == 1 ? requests[0].normalizedItems : requests.flatMap(\.normalizedItems)
        return GroupReads(
            stored: try await storedRecords(ids: Array(Set(all.map(\.id))), executor),
            known: try await knownCodes(referencedCodes(all), executor))
    }

    /// The codes the records reference, per table.
    static func referencedCodes<R: StoredRecord>(_ records: [R]) -> [(table: String, codes: Set<String>)] {
        R.references.map { reference in (reference.table, Set(records.compactMap { $0[keyPath: reference.path] })) }
    }

    /// A request's records sorted: new ones, duplicates (ids), and revisions of stored records (``StoredRecord/revises(_:with:prefix:)``).
    struct Split<R: StoredRecord> {
        var fresh: [R] = []
        var duplicates: [String] = []
        var revised: [R] = []
    }

    /// Separates new records from ones already stored (or earlier in the group); other content under a known id is a
    /// conflict, unless the record type accepts it as the stored record moving on (a service request closing).
    static func split<R: StoredRecord>(_ batch: [R], stored: [String: R], untimed: Set<String> = []) throws -> Split<R> {
        var result = Split<R>()
        // The latest version of each id seen in the batch: its first item, by position (no copy of every record into a
        // dictionary), or the revision accepted since.
        var first: [String: Int] = [:]
        first.reserveCapacity(batch.count)
        var revisedSince: [String: R] = [:]
        for (index, item) in batch.enumerated() {
            if let previous = revisedSince[item.id] ?? first[item.id].map({ batch[$0] }) ?? stored[item.id] {
                let item = untimed.contains(item.id) ? R.retimed(item, like: previous) : item
                if previous == item {
                    result.duplicates.append(item.id)
                } else if try R.revises(previous, with: item, prefix: "items[\(index)]") {
                    revisedSince[item.id] = item
                    if let fresh = result.fresh.firstIndex(where: { $0.id == item.id }) {
                        result.fresh[fresh] = item
                    } else {
                        result.revised.removeAll { $0.id == item.id }
                        result.revised.append(item)
                    }
                }
                continue
            }
            first[item.id] = index
            result.fresh.append(item)
        }
        return result
    }

    /// The codes to create per table; throws for an unknown code when creating is not allowed (devices never are).
    static func missingReferences<R: StoredRecord>(_ batch: [R], known: [String: Set<String>], create: Bool) throws -> [String: Set<String>] {
        var missing: [String: Set<String>] = [:]
        for reference in R.references {
            let codes = Set(batch.compactMap { $0[keyPath: reference.path] }).subtracting(known[reference.table] ?? [])
            guard !codes.isEmpty else { continue }
            guard create && reference.table != "devices" else {
                let index = batch.firstIndex { $0[keyPath: reference.path].map(codes.contains) ?? false } ?? 0
                let code = batch[index][keyPath: reference.path] ?? ""
                throw OtklikError.invalid("items[\(index)].\(reference.field)", "unknown \(reference.field) code '\(code)'")
            }
            missing[reference.table] = codes
        }
        return missing
    }

    static func storedRecords<R: StoredRecord>(ids: [String], byRange: Bool = false, _ tx: any SQLExecutor) async throws -> [String: R] {
        var stored: [String: R] = [:]
        let ids = byRange ? try await storedCandidates(ids, table: R.table, tx) : ids
        for row in try await tx.query(in: ids, { marks in "SELECT \(R.columns) FROM \(R.table) WHERE id IN (\(marks))" }) {
            let record = try R(row: row)
            stored[record.id] = record
        }
        return stored
    }

    /// The ids that may be stored already, for a large group on SQLite: one range read of the primary key between the
    /// group's least and greatest id (SQLite's BINARY order: UTF-8 bytes) finds the ids stored in that range. A file's
    /// ids usually come in runs (`B00000001`, `B00000002`, …), so for a new chunk the range holds no stored row — one
    /// index seek instead of an `IN (…)` probe per id, 40 statements of 500 ids a chunk of 20,000 — and for a chunk
    /// imported again it holds exactly the chunk's ids. A range holding more than twice the group's count of rows (ids
    /// scattered among others) is not read further: every id remains a candidate, probed as before. Small groups (a
    /// server's requests, which do not ask for it) and PostgreSQL (whose text order follows its collation) probe every id.
    static func storedCandidates(_ ids: [String], table: String, _ tx: any SQLExecutor) async throws -> [String] {
        guard tx.dialect == .sqlite, ids.count > rangeProbeMinimum, var least = ids.first, var greatest = ids.first else { return ids }
        for id in ids {
            if id.utf8.lexicographicallyPrecedes(least.utf8) { least = id }
            if greatest.utf8.lexicographicallyPrecedes(id.utf8) { greatest = id }
        }
        let limit = 2 * ids.count
        let rows = try await tx.query(
            "SELECT id FROM \(table) WHERE id >= ? AND id <= ? ORDER BY id LIMIT ?", [.text(least), .text(greatest), .int(Int64(limit) + 1)])
        guard rows.count <= limit else { return ids }
        let present = Set(rows.compactMap { $0.text("id") })
        return ids.filter(present.contains)
    }

    /// The smallest group whose stored ids are looked up by range first (``storedCandidates(_:table:_:)``).
    static let rangeProbeMinimum = 2 * SQLMarks.chunk

    /// Which of the codes exist, per table: one `UNION ALL` query for every table of a group (each table's part in
    /// chunks of 500 codes), so a group pays one round trip for its reference checks rather than one per table.
    static func knownCodes(_ codes: [(table: String, codes: Set<String>)], _ tx: any SQLExecutor) async throws -> [String: Set<String>] {
        var known: [String: Set<String>] = [:]
        var terms: [(sql: String, binds: [SQLValue])] = []
        for (table, set) in codes {
            known[table, default: []] = []
            let sorted = set.sorted()
            for start in stride(from: 0, to: sorted.count, by: 500) {
                let chunk = sorted[start..<min(start + 500, sorted.count)]
                terms.append((
                    "SELECT '\(table)' AS ref_table, code FROM \(table) WHERE code IN ("
                        + SQLMarks.list(chunk.count) + ")",
                    chunk.map { .text($0) }))
            }
        }
        // At most 40 terms (20,000 codes) a query: under SQLite's limits of 500 terms and 32,766 parameters a statement.
        for start in stride(from: 0, to: terms.count, by: 40) {
            let part = terms[start..<min(start + 40, terms.count)]
            for row in try await tx.query(part.map(\.sql).joined(separator: " UNION ALL "), part.flatMap(\.binds)) {
                if let table = row.text("ref_table"), let code = row.text("code") { known[table, default: []].insert(code) }
            }
        }
        return known
    }
}
