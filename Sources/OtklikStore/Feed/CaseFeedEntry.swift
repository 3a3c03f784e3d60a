import Foundation
import OtklikCore

/// A case history line as the change feed carries it (``FeedEventKind/caseEvents``): the line, the position of the
/// event its transaction appended, and what a follower decides on without reading the case again — its kind
/// (complaint, low score, employee), location, status after the line, and the customer of its feedback.
public struct CaseFeedEntry: Sendable, Equatable {
    public var position: Int64
    public var event: CaseEvent
    /// The case's type: `complaint`, `low_score` or `employee`.
    public var caseKind: String
    /// The case's status when the entry was read (a later line may have changed it since).
    public var status: CaseStatus
    public var location: String?
    public var feedbackId: String?
    /// The customer of the case's feedback, when it is linked to one.
    public var customer: String?
    /// The line's number in its case's history (1: the opening): with the case id, what names the line for good.
    public var seq: Int
    /// The webhook and notice the line calls for (nil: none).
    public var followUp: HistoryFollowUp?

    public init(
        position: Int64, event: CaseEvent, caseKind: String, status: CaseStatus, location: String?, feedbackId: String?, customer: String?,
        seq: Int = 0, followUp: HistoryFollowUp? = nil
    ) {
        self.seq = seq
        self.followUp = followUp
        self.position = position
        self.event = event
        self.caseKind = caseKind
        self.status = status
        self.location = location
        self.feedbackId = feedbackId
        self.customer = customer
    }
}

extension ChangeFeed {
    /// The case history lines written by the events in (`position`, `through`], in feed order (then case and line).
    public func caseEvents(after position: Int64, through: Int64) async throws -> [CaseFeedEntry] {
        try await database.query(
            """
            SELECT e.feed_position, e.case_id, e.seq, e.at, e.actor, e.kind, e.text, e.webhook_type, e.webhook_payload, e.notice_kind,
                   e.notice_recipient, e.notice_detail, e.notice_actor, c.kind AS case_kind, c.status, c.location_code, c.feedback_id, f.customer_id
            FROM case_events e JOIN cases c ON c.id = e.case_id LEFT JOIN feedback f ON f.id = c.feedback_id
            WHERE e.feed_position > ? AND e.feed_position <= ? ORDER BY e.feed_position, e.case_id, e.seq
            """,
            [.int(position), .int(through)]
        ).map { row in
            guard let position = row.int64("feed_position"), let kind = row.text("kind").flatMap(CaseEvent.Kind.init(rawValue:)),
                let status = row.text("status").flatMap(CaseStatus.init(rawValue:)), let at = row.int64("at")
            else { throw OtklikError(.internal, "stored case history line has an unknown kind, status or time") }
            return CaseFeedEntry(
                position: position,
                event: CaseEvent(
                    caseId: try row.string("case_id"), at: Date(timeIntervalSince1970: Double(at) / 1000), actor: try row.string("actor"),
                    kind: kind, text: row.text("text")),
                caseKind: row.text("case_kind") ?? "complaint", status: status, location: row.text("location_code"),
                feedbackId: row.text("feedback_id"), customer: row.text("customer_id"), seq: row.int("seq") ?? 0, followUp: HistoryFollowUp(row: row))
        }
    }
}
