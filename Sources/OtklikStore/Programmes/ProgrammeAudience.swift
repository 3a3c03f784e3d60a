import Foundation
import OtklikCore

/// The audience rules read in the store at the trigger, in the trigger's transaction, and the segments (their members
/// evaluated by the caller).
enum ProgrammeAudience {
    /// The first named segment the customer is not a member of (a segment not evaluated has no members); nil when none.
    static func missingSegment(_ segments: [String], customer: String, members: [String: Set<String>]) -> String? {
        segments.first { !(members[$0]?.contains(customer) ?? false) }
    }

    /// The first rule the customer does not meet; nil when all hold.
    static func missing(_ rules: [AudienceRule], customer: String, _ tx: any SQLExecutor) async throws -> AudienceRule? {
        for rule in rules {
            switch rule {
            case .openComplaint:
                if try await ProgrammeCallback.openCase(of: customer, tx) == nil { return rule }
            case .hasPurchases:
                if try await tx.query("SELECT id FROM transactions WHERE customer_id = ? LIMIT 1", [.text(customer)]).isEmpty { return rule }
            }
        }
        return nil
    }
}
