import Foundation
import OtklikCore
import OtklikInterchange

/// What follows from a history line — a case's (migration 0060) or a problem's (migration 0062) — decided when the
/// line is written and carried on it: the webhook event (its type and exact JSON: the case or problem as of the line)
/// and the staff notice the case state machine (``CaseTransition``), the supervision (``CaseSupervision``), an
/// escalation or a problem's detection decided. The `case-webhooks`/`problem-webhooks` and
/// `case-notifications`/`problem-notifications` consumers of the change feed write them from the line alone, with no
/// "before" state (``FollowedLineFeedStep``).
public struct HistoryFollowUp: Sendable, Equatable {
    /// `case.opened`, `case.updated`, `case.escalated`, `case.sla_warning`, `case.breached`, `problem.opened` or
    /// `problem.updated`.
    public var webhookType: String?
    /// The event's ``WebhookEnvelope`` JSON, as it is queued and sent.
    public var webhookPayload: String?
    public var notice: CaseTransition.Notice?
    /// The user whose action caused the notice: ``NotificationPolicy/tells(_:actorStaff:)`` does not tell them of it.
    public var noticeActor: String?

    public init(webhookType: String? = nil, webhookPayload: String? = nil, notice: CaseTransition.Notice? = nil, noticeActor: String? = nil) {
        self.webhookType = webhookType
        self.webhookPayload = webhookPayload
        self.notice = notice
        self.noticeActor = noticeActor
    }

    /// The case webhook `type` reporting `item` (the case after the line) with `event` (nil: the event is the type
    /// itself), and the notice, if any.
    static func reporting(
        _ type: String, _ item: FeedbackCase, event: CaseEvent? = nil, at now: Date, notice: CaseTransition.Notice?, actor: String? = nil
    ) throws -> HistoryFollowUp {
        HistoryFollowUp(
            webhookType: type, webhookPayload: try WebhookEnvelope(type: type, timestamp: now, data: CaseWebhookData(item, event: event)).json(),
            notice: notice, noticeActor: notice == nil ? nil : actor)
    }

    /// The problem webhook `type` reporting `problem` (the problem after the line; `cases`: on opening, how many cases
    /// it has), and the notice, if any.
    static func reporting(_ type: String, _ problem: Problem, cases: Int?, at now: Date, notice: CaseTransition.Notice? = nil) throws -> HistoryFollowUp {
        HistoryFollowUp(
            webhookType: type, webhookPayload: try WebhookEnvelope(type: type, timestamp: now, data: ProblemWebhookData(problem, cases: cases)).json(),
            notice: notice)
    }

    /// The columns of `case_events` and `problem_events` that carry it, in the order of ``values``.
    static let columns = ["webhook_type", "webhook_payload", "notice_kind", "notice_recipient", "notice_detail", "notice_actor"]

    var values: [SQLValue] {
        [SQLValue(webhookType), SQLValue(webhookPayload), SQLValue(notice?.kind.rawValue), SQLValue(notice?.recipient), SQLValue(notice?.detail),
         SQLValue(noticeActor)]
    }

    static let nulls: [SQLValue] = Array(repeating: .null, count: columns.count)

    /// Read from a line's row (nil when the line calls for nothing).
    init?(row: SQLRow) {
        let kind = row.text("notice_kind").flatMap(NotificationKind.init(rawValue:))
        let type = row.text("webhook_type")
        guard type != nil || kind != nil else { return nil }
        webhookType = type
        webhookPayload = row.text("webhook_payload")
        notice = kind.map { CaseTransition.Notice(kind: $0, recipient: row.text("notice_recipient"), detail: row.text("notice_detail")) }
        noticeActor = row.text("notice_actor")
    }
}
