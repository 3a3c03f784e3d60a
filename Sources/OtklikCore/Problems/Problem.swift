import Foundation

/// A repeated incident (seed 002): complaints about the same theme at the same place crossing a threshold within
/// a window. It has an owner, a root cause and an action plan; once fixed, Otklik checks that the incidents stopped.
public struct Problem: Sendable, Codable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        case open, fixed, closed
    }

    public var id: String
    public var location: String
    /// The theme: the reason the complaints share.
    public var theme: String
    public var status: Status
    public var openedAt: Date
    public var owner: String?
    public var rootCause: String?
    public var actionPlan: String?
    public var fixedAt: Date?
    public var closedAt: Date?

    public init(
        id: String, location: String, theme: String, status: Status, openedAt: Date, owner: String? = nil, rootCause: String? = nil,
        actionPlan: String? = nil, fixedAt: Date? = nil, closedAt: Date? = nil
    ) {
        self.id = id
        self.location = location
        self.theme = theme
        self.status = status
        self.openedAt = openedAt
        self.owner = owner
        self.rootCause = rootCause
        self.actionPlan = actionPlan
        self.fixedAt = fixedAt
        self.closedAt = closedAt
    }
}

/// When complaints make a problem: at least `threshold` at one location on one theme within `windowDays`.
public struct ProblemRule: Sendable, Equatable {
    public var threshold: Int
    public var windowDays: Int

    public init(threshold: Int = 3, windowDays: Int = 7) {
        self.threshold = threshold
        self.windowDays = windowDays
    }
}

/// Did the incidents stop after the fix? Incidents in equal windows before and after the fix are compared with an
/// exact conditional binomial test (under "nothing changed" each of the k incidents falls after the fix with
/// probability ½): stopped when the one-sided p-value of so few after the fix is at most 0.05.
public struct ProblemVerification: Sendable, Equatable, Codable {
    public var before: Int
    public var after: Int
    public var windowDays: Int
    public var pValue: Double
    public var stopped: Bool
    /// The after-window has not ended yet.
    public var pending: Bool

    enum CodingKeys: String, CodingKey {
        case before, after, windowDays = "window_days", pValue = "p_value", stopped, pending
    }

    public init(before: Int, after: Int, windowDays: Int, pending: Bool) {
        self.before = before
        self.after = after
        self.windowDays = windowDays
        self.pending = pending
        let k = before + after
        // P(X ≤ after) for X ~ Binomial(k, ½).
        var cumulative = 0.0
        var term = pow(0.5, Double(k))  // C(k, 0)·½ᵏ
        if k > 0 {
            for x in 0...after {
                cumulative += term
                term = term * Double(k - x) / Double(x + 1)
            }
        }
        pValue = k == 0 ? 1 : min(1, cumulative)
        stopped = !pending && k > 0 && pValue <= 0.05
    }
}
