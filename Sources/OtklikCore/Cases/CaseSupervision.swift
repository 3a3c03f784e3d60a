import Foundation

/// The SLA supervisor's decision for one open case, as a pure function: past its resolution deadline and not yet
/// breached, the case is breached (and counts as warned), told to its owner, and escalated one level when a level is
/// left; past its warning time and not yet warned, it is warned. The store applies the step in one transaction
/// (`SQLCaseRepository.supervise`): history line, webhook, notification and escalation.
public enum CaseSupervision {
    public enum Step: Sendable, Equatable {
        /// The deadline passed: the case after the breach, the notice, and whether to escalate one level.
        case breach(after: FeedbackCase, notice: CaseTransition.Notice, escalate: Bool)
        /// The warning time passed: the case after the warning and the notice.
        case warn(after: FeedbackCase, notice: CaseTransition.Notice)
    }

    /// What the supervisor does with `current` at `now`; nil when nothing is due (closed, paused cases are not
    /// asked: the caller reads open ones). `warningAt` is the case's warning time on the SLA calendar.
    public static func step(for current: FeedbackCase, now: Date, warningAt: Date) -> Step? {
        guard current.status == .new || current.status == .inProgress else { return nil }
        var after = current
        if current.breachedAt == nil && now > current.dueAt {
            after.breachedAt = now
            if after.warnedAt == nil { after.warnedAt = now }
            return .breach(
                after: after, notice: CaseTransition.Notice(kind: .caseBreached, recipient: current.owner, detail: current.location),
                escalate: current.escalationLevel < FeedbackCase.escalationRoles.count - 1)
        }
        if current.warnedAt == nil && now >= warningAt {
            after.warnedAt = now
            return .warn(after: after, notice: CaseTransition.Notice(kind: .caseSLAWarning, recipient: current.owner, detail: current.location))
        }
        return nil
    }
}
