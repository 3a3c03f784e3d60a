import Foundation

/// One step in a case's history: who did what, when.
public struct CaseEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case opened, assigned, comment, status, resolved, calledBack = "called_back", escalated, warned, breached, reopened, followUp = "follow_up", note, priority
        /// The deadlines were planned again (after a priority change).
        case replanned
    }

    public var caseId: String
    public var at: Date
    /// The user who acted, or `otklik` for the system.
    public var actor: String
    public var kind: Kind
    public var text: String?

    public init(caseId: String, at: Date, actor: String, kind: Kind, text: String? = nil) {
        self.caseId = caseId
        self.at = at
        self.actor = actor
        self.kind = kind
        self.text = text
    }
}
