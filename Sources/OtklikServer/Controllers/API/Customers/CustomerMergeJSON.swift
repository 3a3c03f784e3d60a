import Foundation
import OtklikCore

/// A journaled merge in the API.
public struct CustomerMergeJSON: Encodable, Sendable {
    struct MovedJSON: Encodable {
        var identities: [String]
        var records: [String: [String]]
    }

    var id: String
    var survivor: String
    var absorbed: String
    var evidence: [String: String]
    var moved: MovedJSON
    var actor: String
    var mergedAt: Date
    var undoneAt: Date?
    var undoneBy: String?

    enum CodingKeys: String, CodingKey {
        case id, survivor, absorbed, evidence, moved, actor, mergedAt = "merged_at", undoneAt = "undone_at", undoneBy = "undone_by"
    }

    public init(_ merge: CustomerMerge) {
        id = merge.id
        survivor = merge.survivor
        absorbed = merge.absorbed
        evidence = merge.evidence
        moved = MovedJSON(identities: merge.movedIdentities.map { "\($0.kind.rawValue):\($0.value)" }, records: merge.movedRecords)
        actor = merge.actor
        mergedAt = merge.mergedAt
        undoneAt = merge.undoneAt
        undoneBy = merge.undoneBy
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(survivor, forKey: .survivor)
        try container.encode(absorbed, forKey: .absorbed)
        try container.encode(evidence, forKey: .evidence)
        try container.encode(moved, forKey: .moved)
        try container.encode(actor, forKey: .actor)
        try container.encode(mergedAt, forKey: .mergedAt)
        try container.encode(undoneAt, forKey: .undoneAt)
        try container.encode(undoneBy, forKey: .undoneBy)
    }
}

/// A review item in the API.
struct CustomerReviewJSON: Encodable {
    var id: String
    var left: String
    var right: String
    var reason: String
    var shared: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey { case id, left, right, reason, shared, createdAt = "created_at" }

    init(_ item: CustomerReviewItem) {
        id = item.id
        left = item.left
        right = item.right
        reason = item.reason.code
        shared = "\(item.shared.kind.rawValue):\(item.shared.value)"
        createdAt = item.createdAt
    }
}
