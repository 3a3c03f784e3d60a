/// How urgent a case is. Set by rule when the case opens and changeable by people; SLA policies and assignment
/// rules may match on it.
public enum CasePriority: String, Sendable, Codable, CaseIterable, Comparable {
    case low, normal, high, urgent

    var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: CasePriority, rhs: CasePriority) -> Bool { lhs.rank < rhs.rank }

    /// The priority a case opens with: `high` for the angriest answers (CSAT 1, NPS 0-2), `normal` for other
    /// complaints (the customer asked to be called back), `low` for other contactable low scores and negative presses.
    /// `urgent` is set by people (or by an assignment rule's owner changing it), never by this rule.
    public static func initial(for feedback: Feedback) -> CasePriority {
        if feedback.csat == 1 || (feedback.nps.map { $0 <= 2 } ?? false) { return .high }
        return feedback.kind == .complaint ? .normal : .low
    }
}
