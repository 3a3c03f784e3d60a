import Foundation

/// What a manager does to a case; each is validated against the case's state and recorded as an event.
public enum CaseAction: Sendable, Equatable {
    case assign(owner: String)
    case comment(String)
    case setStatus(CaseStatus)
    case resolve(code: String, note: String?)
    /// Records an attempt to reach the customer: called back, message sent, or could not reach them.
    case recordFollowUp(FollowUp, note: String?)
    /// An internal note: visible to staff, never sent to webhooks.
    case note(String)
    /// Hands the case one level up the escalation ladder, with a reason.
    case escalate(reason: String?)
    /// Opens a resolved or closed case again (the customer was not satisfied).
    case reopen(reason: String?)
    /// Changes the case's priority; an open case's deadlines are planned again for it.
    case setPriority(CasePriority)

    /// Whether the action answers the customer, so that it counts as the first response: a comment (the reply;
    /// internal notes are separate), a follow-up that reached them (called back, message sent), asking them
    /// something (status "waiting for the customer") or resolving the case. Triage — assigning, escalating, a
    /// priority, an internal note, "in progress", a follow-up that did not reach them — does not.
    public var answersCustomer: Bool {
        switch self {
        case .comment, .resolve: true
        case .recordFollowUp(let outcome, _): outcome.reached
        case .setStatus(let status): status == .waitingForCustomer
        case .assign, .note, .escalate, .reopen, .setPriority: false
        }
    }

    /// Checks the action against the case; the error names the field.
    /// Whether the action would change nothing on this case (assigning its owner, setting its status or priority
    /// again): bulk actions skip such cases, so repeating a bulk request is harmless.
    public func isNoOp(on current: FeedbackCase) -> Bool {
        switch self {
        case .assign(let owner): owner == current.owner
        case .setStatus(let status): status == current.status
        case .setPriority(let priority): priority == current.priority
        default: false
        }
    }

    public func validate(on current: FeedbackCase) throws(OtklikError) {
        switch self {
        case .assign(let owner):
            try Identifier.validate(owner, field: "owner")
        case .setPriority(let priority):
            if priority == current.priority { throw .invalid("priority", "the case is already \(priority.rawValue)") }
        case .comment(let text), .note(let text):
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.count > 5_000 { throw .invalid("text", "a comment is 1-5000 characters") }
        case .setStatus(let status):
            if status == .resolved { throw .invalid("status", "resolve a case with a resolution code") }
            if status == current.status { throw .invalid("status", "the case is already \(status.rawValue)") }
            if status == .closed && current.status != .resolved { throw .invalid("status", "only a resolved case can be closed") }
            if status != .closed && !current.status.isOpen { throw .invalid("status", "the case is \(current.status.rawValue): reopen it first") }
        case .resolve(let code, let note):
            guard FeedbackCase.resolutionCodes.contains(code) else {
                throw .invalid("resolution_code", "resolution_code must be one of \(FeedbackCase.resolutionCodes.joined(separator: ", "))")
            }
            if !current.status.isOpen { throw .invalid("status", "the case is already \(current.status.rawValue)") }
            if let note, note.count > 5_000 { throw .invalid("text", "a note is at most 5000 characters") }
        case .recordFollowUp(_, let note), .escalate(let note), .reopen(let note):
            if let note, note.count > 5_000 { throw .invalid("text", "a note is at most 5000 characters") }
            if case .escalate = self {
                if !current.status.isOpen { throw .invalid("status", "only an open case can be escalated") }
                if current.escalationLevel >= FeedbackCase.escalationRoles.count - 1 {
                    throw .invalid("status", "the case is already with the CX director, the top of the ladder")
                }
            }
            if case .reopen = self, current.status.isOpen { throw .invalid("status", "the case is open") }
        }
    }
}

/// How an attempt to reach a complaining customer went.
public enum FollowUp: String, Sendable, Codable, CaseIterable {
    case calledBack = "called_back"
    case messageSent = "message_sent"
    case notReached = "not_reached"

    /// Whether the customer was reached (the case records when).
    public var reached: Bool { self != .notReached }
}
