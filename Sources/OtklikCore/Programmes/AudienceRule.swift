import Foundation

/// Who of the triggered customers a programme is for. The rules are facts the store reads for the customer at the
/// trigger; all must hold.
public enum AudienceRule: String, Sendable, Codable, CaseIterable {
    /// The customer has an open complaint case (new, in progress or waiting for the customer).
    case openComplaint = "open_complaint"
    /// The customer has at least one purchase on record.
    case hasPurchases = "has_purchases"
}
