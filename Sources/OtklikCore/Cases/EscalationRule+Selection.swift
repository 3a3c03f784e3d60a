/// Which escalation rule acts on a case: the decision, apart from the store that reads the rules and the case's facts
/// and writes the escalation.
extension EscalationRule {
    /// The rule that sends `item` up the ladder: the first of `rules` (in order) that matches the open case — its type,
    /// location and priority, its feedback's `reasons` and `csat` (or an employee issue's topic as a reason) — when that
    /// rule's level is above the case's; nil when the case is closed, no rule matches, or the first match would not
    /// raise it (a later rule is not tried: the first match decides).
    public static func raising(_ item: FeedbackCase, reasons: [String], csat: Int?, in rules: [EscalationRule]) -> EscalationRule? {
        guard item.status.isOpen,
            let rule = rules.first(where: { $0.matches(type: item.kind, location: item.location, reasons: reasons, priority: item.priority, csat: csat) }),
            rule.level > item.escalationLevel
        else { return nil }
        return rule
    }
}
