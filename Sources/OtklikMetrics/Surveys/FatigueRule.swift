import Foundation

/// The fatigue rule of seed 002 ("representative surveys no more than once in 6 months; surveys are toxic"): a customer
/// invited once is not invited again within `days` days, before or after. The default is 183 days (six months).
/// Anonymous interactions carry no customer, so the rule cannot apply to them; a plan's decision says so.
public struct FatigueRule: Sendable, Codable, Equatable {
    public var days: Int

    /// nil unless `days` ≥ 1.
    public init?(days: Int = 183) {
        guard days >= 1 else { return nil }
        self.days = days
    }

    /// The default rule: 183 days.
    public static let sixMonths = FatigueRule(days: 183)!

    public var window: TimeInterval { Double(days) * 86_400 }

    /// Whether an interaction at `date` falls within the window of an invitation at `lastInvited` (either side of it,
    /// so an interaction reported late cannot slip in just before an invitation).
    public func blocks(_ date: Date, lastInvited: Date) -> Bool {
        abs(date.timeIntervalSince(lastInvited)) < window
    }

    /// The first moment after `lastInvited` at which the customer may be invited again.
    public func eligibleAgain(after lastInvited: Date) -> Date {
        lastInvited.addingTimeInterval(window)
    }
}
