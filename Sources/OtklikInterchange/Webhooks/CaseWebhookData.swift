import Foundation
import OtklikCore

/// A case as the `case.*` webhook events carry it (their `data`), with the history line that caused the event.
public struct CaseWebhookData: Encodable, Sendable {
    public var id: String
    public var feedbackId: String?
    public var kind: String
    public var location: String?
    public var staff: String?
    public var owner: String?
    public var status: String
    public var openedAt: Date
    public var dueAt: Date
    public var resolutionCode: String?
    public var calledBackAt: Date?
    public var escalationLevel: Int
    public var breached: Bool
    public var priority: String
    public var event: Event?

    public struct Event: Encodable, Sendable {
        public var kind: String
        public var actor: String
        public var text: String?
    }

    enum CodingKeys: String, CodingKey {
        case id, feedbackId = "feedback_id", kind, location, staff, owner, status, openedAt = "opened_at", dueAt = "due_at"
        case resolutionCode = "resolution_code", calledBackAt = "called_back_at", escalationLevel = "escalation_level", breached, priority, event
    }

    public init(_ item: FeedbackCase, event: CaseEvent?) {
        id = item.id
        feedbackId = item.feedbackId
        kind = item.kind.rawValue
        location = item.location
        staff = item.staff
        owner = item.owner
        status = item.status.rawValue
        openedAt = item.openedAt
        dueAt = item.dueAt
        resolutionCode = item.resolutionCode
        calledBackAt = item.calledBackAt
        escalationLevel = item.escalationLevel
        breached = item.breachedAt != nil
        priority = item.priority.rawValue
        self.event = event.map { Event(kind: $0.kind.rawValue, actor: $0.actor, text: $0.text) }
    }
}
