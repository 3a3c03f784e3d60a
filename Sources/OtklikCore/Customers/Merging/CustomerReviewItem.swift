import Foundation

/// A probable match waiting for a person: two customers that share an identity the rules would not merge on, why
/// not, and (once decided) whether they were merged or kept apart.
public struct CustomerReviewItem: Sendable, Equatable {
    public enum Decision: String, Sendable, Codable {
        case merged
        case keptApart = "kept_apart"
    }

    public var id: String
    public var left: String
    public var right: String
    public var reason: MergeRefusal
    public var shared: CustomerIdentity
    public var createdAt: Date
    public var decision: Decision?
    public var decidedAt: Date?
    public var decidedBy: String?
    public var mergeID: String?

    public init(
        id: String, left: String, right: String, reason: MergeRefusal, shared: CustomerIdentity, createdAt: Date,
        decision: Decision? = nil, decidedAt: Date? = nil, decidedBy: String? = nil, mergeID: String? = nil
    ) {
        self.id = id
        self.left = left
        self.right = right
        self.reason = reason
        self.shared = shared
        self.createdAt = createdAt
        self.decision = decision
        self.decidedAt = decidedAt
        self.decidedBy = decidedBy
        self.mergeID = mergeID
    }
}
