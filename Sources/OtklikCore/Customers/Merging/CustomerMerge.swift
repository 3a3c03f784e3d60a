import Foundation

/// One journaled merge: the survivor absorbed another customer, on this evidence, moving these identities and these
/// record references (table → record ids); undone when an unmerge moved them back.
public struct CustomerMerge: Sendable, Equatable {
    public var id: String
    public var survivor: String
    public var absorbed: String
    /// Why: the shared identity and the rule (`{"rule": "manual", "shared": "phone:+79…"}`), as the actor gave it.
    public var evidence: [String: String]
    public var movedIdentities: [CustomerIdentity]
    public var movedRecords: [String: [String]]
    public var actor: String
    public var mergedAt: Date
    public var undoneAt: Date?
    public var undoneBy: String?

    public init(
        id: String, survivor: String, absorbed: String, evidence: [String: String], movedIdentities: [CustomerIdentity],
        movedRecords: [String: [String]], actor: String, mergedAt: Date, undoneAt: Date? = nil, undoneBy: String? = nil
    ) {
        self.id = id
        self.survivor = survivor
        self.absorbed = absorbed
        self.evidence = evidence
        self.movedIdentities = movedIdentities
        self.movedRecords = movedRecords
        self.actor = actor
        self.mergedAt = mergedAt
        self.undoneAt = undoneAt
        self.undoneBy = undoneBy
    }
}
