import Foundation

/// When each customer was last invited, for the fatigue rule (seed 002: at most one representative survey per customer
/// in six months). It is part of `SamplingState`; to make the rule hold across several surveys, carry one ledger from
/// plan to plan (copy `state.fatigue` between their states) or keep it in the store keyed by customer.
public struct FatigueLedger: Sendable, Codable, Equatable {
    public private(set) var lastInvited: [String: Date]

    public init(lastInvited: [String: Date] = [:]) {
        self.lastInvited = lastInvited
    }

    public func lastInvitation(of customer: String) -> Date? {
        lastInvited[customer]
    }

    /// Records an invitation; an earlier one than already recorded does not move the date back.
    public mutating func record(customer: String, at date: Date) {
        if let known = lastInvited[customer], known >= date { return }
        lastInvited[customer] = date
    }

    /// Forgets invitations before `date` (e.g. now minus the fatigue window): they can no longer block anyone.
    public mutating func prune(before date: Date) {
        lastInvited = lastInvited.filter { $0.value >= date }
    }
}
