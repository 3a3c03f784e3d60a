import Foundation
import OtklikCore

extension Migrations {
    /// Today's `customer` and `contact` values become identities, normalised as new writes are (``IdentityNormalizer``):
    /// every customer row gets its client id as an `external` identity (a placeholder id such as `0` or `anonymous`
    /// is unlinked from its records and removed); feedback that names a customer is linked by it; feedback left with
    /// only a phone or an e-mail address is linked to the customer of that contact (created when new); survey
    /// invitations reference the customer of their client id or their recipient.
    static let v21bCustomerIdentities = Migration("0021b_customer_identities", [
        "UPDATE feedback SET customer_link = 'external' WHERE customer_id IS NOT NULL",
    ], code: { tx in
        let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
        try await CustomerIdentityMigration.customers(tx, now: now)
        try await CustomerIdentityMigration.feedbackContacts(tx, now: now)
        try await CustomerIdentityMigration.invitations(tx, now: now)
    })
}
