import Foundation

/// What a sampling plan decided for one interaction and why, for the invitation log: invited, not sampled, quota full,
/// or fatigued (the customer was invited within the fatigue window), with the stratum, the fatigue check and, for
/// quotas, the fill after the decision.
public struct SamplingDecision: Sendable, Codable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case invited
        case notSampled = "not_sampled"
        case quotaFull = "quota_full"
        case fatigued
    }

    /// What the fatigue rule said.
    public enum FatigueCheck: Sendable, Codable, Equatable {
        /// The plan has no fatigue rule.
        case off
        /// The interaction has no customer, so the rule cannot apply.
        case anonymous
        /// The customer may be invited: never invited, or last invited outside the window.
        case clear(lastInvited: Date?)
        /// The customer was invited at `lastInvited`; not again before `until`.
        case blocked(lastInvited: Date, until: Date)
    }

    public var unit: String
    public var outcome: Outcome
    public var stratum: String
    public var fatigue: FatigueCheck
    /// The design inclusion probability where the method fixes it (p, 1/k); nil for quotas.
    public var inclusionProbability: Double?
    /// For quota plans: the stratum's target and invitations so far in the period, after this decision.
    public var quotaTarget: Int?
    public var quotaInvited: Int?
    /// Anything unusual, e.g. an interaction from a quota period already closed.
    public var note: String?

    public var isInvited: Bool { outcome == .invited }

    /// One line for the log, e.g. "invited [Tverskaya × morning] (quota 3/10); anonymous: fatigue rule not applied".
    public var explanation: String {
        var text = "\(outcome.rawValue) [\(stratum)]"
        if let quotaTarget, let quotaInvited { text += " (quota \(quotaInvited)/\(quotaTarget))" }
        switch fatigue {
        case .off: break
        case .anonymous: text += "; anonymous: fatigue rule not applied"
        case .clear(let last):
            if let last { text += "; last invited \(last.formatted(.iso8601)), outside the fatigue window" }
        case .blocked(let last, let until):
            text += "; invited \(last.formatted(.iso8601)), not again before \(until.formatted(.iso8601))"
        }
        if let note { text += "; \(note)" }
        return text
    }
}
