import Foundation

/// The case state machine as a pure function: a case, an action, who acts and when, and the few facts the caller reads
/// before (the deadlines the SLA calendar gives, the person at the next escalation level) go in; the case after the
/// action, its history line, the notification it calls for and the webhook type come out — or the refusal, naming
/// the field. The store applies an outcome in one transaction (`SQLCaseRepository.perform`).
public enum CaseTransition {
    /// What the transition needs that is not in the case, read by the caller in the same transaction.
    public struct Inputs: Sendable, Equatable {
        /// The resolution deadline of the case if it is reopened now (counted from now on the SLA calendar).
        public var reopenedDue: Date?
        /// The resolution deadline moved by the business time of the pause, if the case leaves "waiting for the
        /// customer" now.
        public var resumedDue: Date?
        /// The step `.escalate` takes: the new level, the owner after it (the same when nobody holds the role), and
        /// the history line's text.
        public var escalation: Escalation?

        public struct Escalation: Sendable, Equatable {
            public var level: Int
            public var owner: String?
            public var text: String

            public init(level: Int, owner: String?, text: String) {
                self.level = level
                self.owner = owner
                self.text = text
            }
        }

        public init(reopenedDue: Date? = nil, resumedDue: Date? = nil, escalation: Escalation? = nil) {
            self.reopenedDue = reopenedDue
            self.resumedDue = resumedDue
            self.escalation = escalation
        }
    }

    /// A notification the transition calls for.
    public struct Notice: Sendable, Equatable {
        public var kind: NotificationKind
        public var recipient: String?
        public var detail: String?

        public init(kind: NotificationKind, recipient: String?, detail: String?) {
            self.kind = kind
            self.recipient = recipient
            self.detail = detail
        }
    }

    public struct Outcome: Sendable, Equatable {
        public var after: FeedbackCase
        public var event: CaseEvent
        /// `case.updated` or `case.escalated`.
        public var webhookType: String
        public var notice: Notice?
        /// The priority of an open case changed: its deadlines are to be planned again for it (on the SLA calendar).
        public var replan: Bool
    }

    /// Validates `action` on `before` (``CaseAction/validate(on:)``) and applies it.
    public static func apply(
        _ action: CaseAction, to before: FeedbackCase, actor: String, now: Date, inputs: Inputs = Inputs()
    ) throws(OtklikError) -> Outcome {
        try action.validate(on: before)
        var after = before
        let kind: CaseEvent.Kind
        var text: String?
        var replan = false
        switch action {
        case .assign(let owner):
            (after.owner, kind, text) = (owner, .assigned, owner)
            if after.status == .new { after.status = .inProgress }
        case .comment(let comment):
            (kind, text) = (.comment, comment.trimmingCharacters(in: .whitespacesAndNewlines))
        case .setStatus(let status):
            (after.status, kind, text) = (status, .status, status.rawValue)
        case .resolve(let code, let note):
            (after.status, after.resolvedAt, after.resolutionCode, kind) = (.resolved, now, code, .resolved)
            text = [code, note].compactMap { $0 }.joined(separator: ": ")
        case .recordFollowUp(let outcome, let note):
            if outcome.reached { after.calledBackAt = now }
            kind = outcome == .calledBack ? .calledBack : .followUp
            text = outcome == .calledBack ? note : [outcome.rawValue, note].compactMap { $0 }.joined(separator: ": ")
            if after.status == .new { after.status = .inProgress }
        case .note(let note):
            (kind, text) = (.note, note.trimmingCharacters(in: .whitespacesAndNewlines))
        case .escalate:
            guard let step = inputs.escalation else { throw .invalid("status", "the escalation step was not given") }
            (after.escalationLevel, after.owner, kind, text) = (step.level, step.owner, .escalated, step.text)
        case .setPriority(let priority):
            (after.priority, kind, text) = (priority, .priority, priority.rawValue)
            replan = after.status.isOpen
        case .reopen(let reason):
            (after.status, after.resolvedAt, after.resolutionCode, kind, text) = (.inProgress, nil, nil, .reopened, reason)
            after.dueAt = inputs.reopenedDue ?? after.dueAt
            (after.warnedAt, after.breachedAt) = (nil, nil)
        }
        // The SLA clock: a person's first action that answers the customer is the first response (triage is not);
        // entering "waiting for the customer" pauses the clock, leaving it moves the deadline by the pause.
        if after.firstResponseAt == nil && action.answersCustomer && actor != "otklik" { after.firstResponseAt = now }
        if after.status == .waitingForCustomer && before.status != .waitingForCustomer {
            after.pausedAt = now
        } else if before.status == .waitingForCustomer && after.status != .waitingForCustomer, before.pausedAt != nil {
            after.dueAt = inputs.resumedDue ?? after.dueAt
            after.pausedAt = nil
        }
        // "Assigned to you" and "escalated to you" only when the case came to someone new: never about no change.
        var notice: Notice?
        let noticeKind: NotificationKind? = switch kind {
        case .assigned: .caseAssigned
        case .escalated: .caseEscalated
        case .resolved: .caseResolved
        default: nil
        }
        if let noticeKind, after.owner != before.owner || (kind != .assigned && kind != .escalated) {
            notice = Notice(kind: noticeKind, recipient: after.owner, detail: kind == .assigned ? after.location : text)
        }
        return Outcome(
            after: after, event: CaseEvent(caseId: before.id, at: now, actor: actor, kind: kind, text: text),
            webhookType: kind == .escalated ? "case.escalated" : "case.updated", notice: notice, replan: replan)
    }
}
