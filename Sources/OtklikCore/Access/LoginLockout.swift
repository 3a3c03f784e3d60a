import Foundation

/// The per-account sign-in limit: after `threshold` failed attempts on one account (each within `window` of the one
/// before), the account waits `base` seconds before the next try, twice as long after each further failure, at most
/// `maximum`. A success clears the run; a pause longer than `window` starts a new one.
public struct LoginLockout: Sendable, Equatable {
    public var threshold: Int
    public var window: TimeInterval
    public var base: TimeInterval
    public var maximum: TimeInterval

    public init(threshold: Int = 10, window: TimeInterval = 15 * 60, base: TimeInterval = 60, maximum: TimeInterval = 3600) {
        self.threshold = threshold
        self.window = window
        self.base = base
        self.maximum = maximum
    }

    /// When the account may try again after `failures` failures, the last at `last`; nil: it may try now.
    public func lockedUntil(failures: Int, last: Date, now: Date) -> Date? {
        guard failures >= threshold else { return nil }
        let exponent = min(failures - threshold, 30)
        let wait = min(maximum, base * pow(2, Double(exponent)))
        let until = last.addingTimeInterval(wait)
        return until > now ? until : nil
    }

    /// Whether a failure at `now` continues the run that ended at `last` (else it starts a new run of one).
    public func continuesRun(last: Date, now: Date) -> Bool {
        now.timeIntervalSince(last) <= max(window, maximum)
    }
}
