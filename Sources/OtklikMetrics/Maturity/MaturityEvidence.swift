/// What Otklik itself holds about a standard, beside the self-score: a share (successes of n, with its Wilson 95 %
/// interval) and, for dashboard usage, the distinct users of each of the last four weeks.
public struct MaturityEvidence: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// 3h: complaint cases of the last 90 days with a recorded first response or call-back.
        case complaintsFollowedUp = "complaints_followed_up"
        /// 3f: users who opened a dashboard page in the last 7 days, of all users.
        case dashboardUsage = "dashboard_usage"
        /// 4d: feedback of the last 90 days linked to a known customer.
        case feedbackLinkedToCustomer = "feedback_linked_to_customer"
        /// 6f: active journeys whose owner is a known user or staff member.
        case journeysWithOwner = "journeys_with_owner"

        /// The standard the evidence is about.
        public var itemId: String {
            switch self {
            case .complaintsFollowedUp: "3h"
            case .dashboardUsage: "3f"
            case .feedbackLinkedToCustomer: "4d"
            case .journeysWithOwner: "6f"
            }
        }
    }

    public var kind: Kind
    public var successes: Int
    public var n: Int
    /// successes / n; nil when n is 0.
    public var share: Double?
    public var interval: Interval?
    /// 3f only: distinct users per 7-day week, oldest first (the last of them is the current week).
    public var weeklyUsers: [Int]?

    public init(kind: Kind, successes: Int, n: Int, weeklyUsers: [Int]? = nil) {
        self.kind = kind
        self.successes = successes
        self.n = n
        share = n > 0 ? Double(successes) / Double(n) : nil
        interval = ProportionInterval.wilson(successes: successes, n: n)
        self.weeklyUsers = weeklyUsers
    }

    public var itemId: String { kind.itemId }
}
