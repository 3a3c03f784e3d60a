import Foundation
import OtklikCore

/// Erases a customer (a data subject's request): in one transaction the customer and every customer merged into it
/// are marked erased and lose their name, language, identities, consents, contact preferences and acquisition; the
/// contact left on their feedback is removed; the traces elsewhere go too (``PersonalTraces``: survey invitations'
/// contacts, the customer ids and contacts of the interactions offered to surveys, the recipient of their messages and message deliveries' hashes, the customer id in webhook events);
/// the merge journal keeps which records moved but no identity values or
/// evidence; open review items with them are dropped. The records themselves (scores, cases) stay, anonymous. An
/// erasure wins over the journal: a merge of an erased customer can no longer be undone.
public struct SQLCustomerErasure: Sendable {
    let database: any SQLDatabase
    /// This process's memory of the feedback it has just committed: emptied after an erasure, so that no consumer takes a
    /// contact or comment from it that the erasure has removed from the store.
    let recent: RecentFeedbackWrites?

    public init(database: any SQLDatabase, recent: RecentFeedbackWrites? = nil) {
        self.database = database
        self.recent = recent
    }

    /// Erases `customer`; returns the ids erased (it and those merged into it). A customer merged into another is
    /// erased through that one.
    @discardableResult
    public func erase(_ customer: String, now: Date = Date()) async throws -> [String] {
        defer { recent?.forgetAll() }
        return try await database.transaction { tx in
            guard let row = try await tx.query("SELECT id, merged_into FROM customers WHERE id = ?", [.text(customer)]).first else {
                throw OtklikError(.notFound, "no such customer: \(customer)", field: "id")
            }
            if let into = row.text("merged_into") {
                throw OtklikError(.conflict, "customer \(customer) was merged into \(into): erase \(into)", field: "id")
            }
            var erased = [customer]
            var frontier = [customer]
            while let next = frontier.popLast() {
                let absorbed = try await tx.query("SELECT id FROM customers WHERE merged_into = ? ORDER BY id", [.text(next)]).compactMap { $0.text("id") }
                erased += absorbed
                frontier += absorbed
            }
            for id in erased {
                let binds: [SQLValue] = [.text(id)]
                try await tx.execute(
                    """
                    UPDATE customers SET erased = 1, display_name = NULL, search_name = NULL, lang = NULL, phone = NULL, email = NULL,
                        external_id = NULL WHERE id = ?
                    """, binds)
                try await PersonalTraces.scrubOffers(customer: id, tx)
                try await tx.execute("DELETE FROM customer_identities WHERE customer_id = ?", binds)
                try await tx.execute("DELETE FROM customer_consents WHERE customer_id = ?", binds)
                try await tx.execute("DELETE FROM customer_contact_preferences WHERE customer_id = ?", binds)
                try await tx.execute("DELETE FROM customer_acquisition WHERE customer_id = ?", binds)
                try await tx.execute("UPDATE feedback SET contact = NULL WHERE customer_id = ?", binds)
                try await PersonalTraces.scrub(customer: id, tx)
                try await tx.execute("DELETE FROM customer_review WHERE decided_at IS NULL AND (left_id = ? OR right_id = ?)", [.text(id), .text(id)])
                for merge in try await tx.query(
                    "SELECT id, moved FROM customer_merges WHERE survivor_id = ? OR absorbed_id = ?", [.text(id), .text(id)])
                {
                    var moved = CustomerMergeMoved.decode(merge.text("moved"))
                    moved.identities = []
                    try await tx.execute(
                        "UPDATE customer_merges SET evidence = ?, moved = ? WHERE id = ?",
                        [.text(try CustomerMergeMoved.evidence(["erased": "true"])), .text(try moved.encoded()), .text(merge.text("id") ?? "")])
                }
            }
            return erased
        }
    }
}
