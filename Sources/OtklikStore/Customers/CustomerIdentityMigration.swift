import Foundation
import OtklikCore

/// The steps of migration 0021b, in chunks of 500 rows read in key order.
enum CustomerIdentityMigration {
    static let source = "migration"

    static func contactClaim(_ text: String?) -> [CustomerIdentity] {
        text.flatMap { IdentityNormalizer.contact($0).identity }.map { [$0] } ?? []
    }

    static func externalClaim(_ text: String?) -> [CustomerIdentity] {
        text.flatMap { IdentityNormalizer.verbatim($0, kind: .external).identity }.map { [$0] } ?? []
    }

    static func customers(_ tx: any SQLExecutor, now: Int64) async throws {
        var after = ""
        while true {
            let rows = try await tx.query(
                "SELECT id, phone, email FROM customers WHERE id > ? ORDER BY id LIMIT 500", [.text(after)])
            guard let last = rows.last?.text("id") else { return }
            after = last
            var claims: [[CustomerIdentity]] = []
            for row in rows {
                guard let id = row.text("id") else { continue }
                let external = externalClaim(id)
                guard external.first?.value == id else {
                    for table in ["feedback", "interactions", "service_requests"] {
                        try await tx.execute("UPDATE \(table) SET customer_id = NULL WHERE customer_id = ?", [.text(id)])
                    }
                    try await tx.execute("UPDATE feedback SET customer_link = NULL WHERE customer_id IS NULL AND customer_link = 'external'")
                    try await tx.execute("DELETE FROM customers WHERE id = ?", [.text(id)])
                    continue
                }
                claims.append(external + contactClaim(row.text("phone")) + contactClaim(row.text("email")))
            }
            // Migration 0021b runs before `customer_super_nodes` (0058) exists: the resolution without its check.
            _ = try await CustomerResolver.resolve(claims, source: source, at: now, deviceRule: false, owners: nil, in: tx)
        }
    }

    static func feedbackContacts(_ tx: any SQLExecutor, now: Int64) async throws {
        var after: (ts: Int64, id: String) = (Int64.min, "")
        while true {
            let rows = try await tx.query(
                """
                SELECT id, ts, customer_id, contact FROM feedback
                WHERE contact IS NOT NULL AND (ts > ? OR (ts = ? AND id > ?)) ORDER BY ts, id LIMIT 500
                """, [.int(after.ts), .int(after.ts), .text(after.id)])
            guard let last = rows.last, let ts = last.int64("ts"), let id = last.text("id") else { return }
            after = (ts, id)
            let claims = rows.map { externalClaim($0.text("customer_id")) + contactClaim($0.text("contact")) }
            let resolved = try await CustomerResolver.resolve(claims, source: source, at: now, deviceRule: false, owners: nil, in: tx).resolutions
            for (row, resolution) in zip(rows, resolved) where row.text("customer_id") == nil {
                guard let resolution, let id = row.text("id") else { continue }
                try await tx.execute(
                    "UPDATE feedback SET customer_id = ?, customer_link = ? WHERE id = ?",
                    [.text(resolution.customer), .text(resolution.linkedBy.kind.rawValue), .text(id)])
            }
        }
    }

    static func invitations(_ tx: any SQLExecutor, now: Int64) async throws {
        var after = ""
        while true {
            let rows = try await tx.query(
                """
                SELECT i.id, i.customer, o.recipient FROM survey_invitations i LEFT JOIN survey_outbox o ON o.invitation_id = i.id
                WHERE i.id > ? ORDER BY i.id LIMIT 500
                """, [.text(after)])
            guard let last = rows.last?.text("id") else { return }
            after = last
            let claims = rows.map { externalClaim($0.text("customer")) + contactClaim($0.text("recipient")) }
            let resolved = try await CustomerResolver.resolve(claims, source: source, at: now, deviceRule: false, owners: nil, in: tx).resolutions
            for (row, resolution) in zip(rows, resolved) {
                guard let resolution, let id = row.text("id") else { continue }
                try await tx.execute(
                    "UPDATE survey_invitations SET customer_id = ?, customer_link = ? WHERE id = ?",
                    [.text(resolution.customer), .text(resolution.linkedBy.kind.rawValue), .text(id)])
            }
        }
    }
}
