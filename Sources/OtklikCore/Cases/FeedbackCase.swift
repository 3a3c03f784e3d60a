import Foundation

/// A case opened from feedback that needs an answer: a complaint, or a low score or negative press that left a
/// contact. It has an owner, a due time and a status, and a history of events (``CaseEvent``).
/// Ready for the SLA calendars, escalation and problem links of the closing-the-loop work.
public struct FeedbackCase: Sendable, Codable, Equatable {
    public var id: String
    /// The feedback that opened it; nil for an employee's case.
    public var feedbackId: String?
    /// `complaint`, `low_score` or `employee`.
    public var kind: SLAPolicy.CaseType = .complaint
    /// The employee issue that opened it (kind `employee`).
    public var issueId: String?
    public var location: String?
    public var staff: String?
    /// Who handles it: a staff code (the location's manager by default) or a user name; nil while unassigned.
    public var owner: String?
    public var status: CaseStatus
    public var openedAt: Date
    public var dueAt: Date
    public var resolvedAt: Date?
    /// Why it was resolved: `explained`, `fixed`, `compensated`, `unfounded`, `duplicate`, `no_answer`.
    public var resolutionCode: String?
    public var calledBackAt: Date?
    /// The first-response target and when a person first answered the customer (triage does not count).
    public var firstResponseDueAt: Date?
    public var firstResponseAt: Date?
    /// Set while the case waits for the customer: the SLA clock is paused.
    public var pausedAt: Date?
    /// 0 with its first owner; 1 location manager, 2 regional manager, 3 CX director.
    public var escalationLevel: Int = 0
    public var warnedAt: Date?
    public var breachedAt: Date?
    public var priority: CasePriority = .normal

    public init(
        id: String, feedbackId: String?, location: String?, staff: String?, owner: String?, status: CaseStatus, openedAt: Date, dueAt: Date,
        resolvedAt: Date? = nil, resolutionCode: String? = nil, calledBackAt: Date? = nil
    ) {
        self.id = id
        self.feedbackId = feedbackId
        self.location = location
        self.staff = staff
        self.owner = owner
        self.status = status
        self.openedAt = openedAt
        self.dueAt = dueAt
        self.resolvedAt = resolvedAt
        self.resolutionCode = resolutionCode
        self.calledBackAt = calledBackAt
    }

    /// The resolution codes a manager chooses from.
    /// The escalation ladder: who takes a case at each level (a staff role).
    public static let escalationRoles = ["", "manager", "regional_manager", "cx_director"]

    public static let resolutionCodes = ["explained", "fixed", "compensated", "unfounded", "duplicate", "no_answer"]

    public func isOverdue(now: Date) -> Bool { status.isOpen && now > dueAt }

    /// Open, nobody has answered the customer yet, and the first-response deadline has passed.
    public func isFirstResponseOverdue(now: Date) -> Bool {
        guard status.isOpen, firstResponseAt == nil, let due = firstResponseDueAt else { return false }
        return now > due
    }

    /// The case a feedback opens, if any: every complaint, and every low score or negative press that left a
    /// contact (a contact is how the organisation can answer).
    public static func opens(for feedback: Feedback) -> Bool {
        guard feedback.contact != nil else { return false }
        if feedback.kind == .complaint { return true }
        return (feedback.csat.map { $0 <= 3 } ?? false) || (feedback.nps.map { $0 <= 6 } ?? false) || feedback.button == .negative
    }
}
