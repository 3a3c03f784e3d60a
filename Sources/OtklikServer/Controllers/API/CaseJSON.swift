import Foundation
import OtklikCore

/// A case as the API shows it, with its feedback and history when asked for one.
struct CaseJSON: Encodable {
    var id: String
    var feedbackId: String?
    var kind: String
    var issueId: String?
    var location: String?
    var staff: String?
    var owner: String?
    var status: String
    var openedAt: Date
    var dueAt: Date
    var overdue: Bool
    var resolvedAt: Date?
    var resolutionCode: String?
    var calledBackAt: Date?
    var firstResponseDueAt: Date?
    var firstResponseAt: Date?
    var paused: Bool
    var escalationLevel: Int
    var warnedAt: Date?
    var breachedAt: Date?
    var priority: String
    var events: [Event]?

    struct Event: Encodable {
        var at: Date
        var actor: String
        var kind: String
        var text: String?
    }

    enum CodingKeys: String, CodingKey {
        case id, feedbackId = "feedback_id", kind, issueId = "issue_id", location, staff, owner, status, openedAt = "opened_at", dueAt = "due_at", overdue
        case resolvedAt = "resolved_at", resolutionCode = "resolution_code", calledBackAt = "called_back_at", events
        case firstResponseDueAt = "first_response_due_at", firstResponseAt = "first_response_at", paused, escalationLevel = "escalation_level"
        case warnedAt = "warned_at", breachedAt = "breached_at", priority
    }

    init(_ item: FeedbackCase, events: [CaseEvent]? = nil, now: Date = Date()) {
        id = item.id
        feedbackId = item.feedbackId
        kind = item.kind.rawValue
        issueId = item.issueId
        location = item.location
        staff = item.staff
        owner = item.owner
        status = item.status.rawValue
        openedAt = item.openedAt
        dueAt = item.dueAt
        overdue = item.isOverdue(now: now)
        resolvedAt = item.resolvedAt
        resolutionCode = item.resolutionCode
        calledBackAt = item.calledBackAt
        firstResponseDueAt = item.firstResponseDueAt
        firstResponseAt = item.firstResponseAt
        paused = item.pausedAt != nil
        escalationLevel = item.escalationLevel
        warnedAt = item.warnedAt
        breachedAt = item.breachedAt
        priority = item.priority.rawValue
        self.events = events?.map { Event(at: $0.at, actor: $0.actor, kind: $0.kind.rawValue, text: $0.text) }
    }
}

/// What a client asks to do to a case: `{"action": "assign", "owner": "S001"}`, `{"action": "comment", "text": …}`,
/// `{"action": "status", "status": "waiting_for_customer"}`, `{"action": "resolve", "resolution_code": "explained", "text": …}`,
/// `{"action": "callback", "text": …}`, `{"action": "escalate", "text": reason}`, `{"action": "reopen", "text": reason}`,
/// `{"action": "priority", "priority": "high"}`.
/// The web form posts the same fields.
struct CaseActionJSON: Codable {
    var action: String
    var owner: String?
    var text: String?
    var status: String?
    var resolutionCode: String?
    var outcome: String?
    var priority: String?

    enum CodingKeys: String, CodingKey {
        case action, owner, text, status, resolutionCode = "resolution_code", outcome, priority
    }

    func caseAction() throws(OtklikError) -> CaseAction {
        let note = text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        switch action {
        case "assign":
            return .assign(owner: (owner ?? "").trimmingCharacters(in: .whitespaces))
        case "comment":
            return .comment(text ?? "")
        case "status":
            guard let status = status.flatMap(CaseStatus.init(rawValue:)) else {
                throw .invalid("status", "status must be one of \(CaseStatus.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .setStatus(status)
        case "resolve":
            return .resolve(code: resolutionCode ?? "", note: note)
        case "callback", "follow_up":
            guard let result = FollowUp(rawValue: outcome ?? "called_back") else {
                throw .invalid("outcome", "outcome must be one of \(FollowUp.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .recordFollowUp(result, note: note)
        case "note":
            return .note(text ?? "")
        case "escalate":
            return .escalate(reason: note)
        case "reopen":
            return .reopen(reason: note)
        case "priority":
            guard let value = priority.flatMap(CasePriority.init(rawValue:)) else {
                throw .invalid("priority", "priority must be one of \(CasePriority.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .setPriority(value)
        default:
            throw .invalid("action", "action must be assign, comment, note, status, resolve, callback, escalate, reopen or priority")
        }
    }
}
