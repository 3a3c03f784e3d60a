import Foundation

/// The `overdue_repeat` purchase pattern (``PurchasePattern``), one customer at a time. A purchase occasion is a
/// calendar day (in the organisation's zone) with at least one purchase (a transaction of a positive amount): two
/// purchases on one day are one occasion, as the value models count them, so a basket split in two does not make a
/// zero interval. A customer with at least ``minimumOccasions`` occasions lapses on `today` when
///
///     today − last occasion  >  factor × median(intervals between consecutive occasions)
///
/// (days; the median of an even count is the mean of the middle two).
///
/// Hysteresis: a lapse is identified by its last occasion (``Lapse/lastDay``), and a programme fires at most once per
/// lapse (the store keys the trigger `purchase_lapse:CUSTOMER:LASTDAY`, one action per programme and key), so a
/// customer who stays lapsed day after day fires once; their next purchase moves the last occasion, which re-arms them.
public enum PurchaseLapse {
    public static let minimumOccasions = 3

    public struct Lapse: Sendable, Equatable {
        /// The day of the last purchase occasion (days since 1970-01-01): the lapse's identity.
        public var lastDay: Int
        public var occasions: Int
        public var medianInterval: Double
        public var daysSince: Int

        public init(lastDay: Int, occasions: Int, medianInterval: Double, daysSince: Int) {
            self.lastDay = lastDay
            self.occasions = occasions
            self.medianInterval = medianInterval
            self.daysSince = daysSince
        }
    }

    /// The median of the intervals between consecutive distinct days, nil with fewer than two days.
    public static func medianInterval(_ days: [Int]) -> Double? {
        let distinct = Array(Set(days)).sorted()
        guard distinct.count >= 2 else { return nil }
        let intervals = zip(distinct.dropFirst(), distinct).map { Double($0 - $1) }.sorted()
        let middle = intervals.count / 2
        return intervals.count % 2 == 1 ? intervals[middle] : (intervals[middle - 1] + intervals[middle]) / 2
    }

    /// The customer's lapse on `today`, or nil (fewer than three occasions, or not yet overdue). Purchases after
    /// `today` are not seen.
    public static func lapse(purchaseDays days: [Int], today: Int, factor: Double) -> Lapse? {
        let seen = Array(Set(days.filter { $0 <= today })).sorted()
        guard seen.count >= minimumOccasions, let last = seen.last, let median = medianInterval(seen) else { return nil }
        let since = today - last
        guard Double(since) > factor * median else { return nil }
        return Lapse(lastDay: last, occasions: seen.count, medianInterval: median, daysSince: since)
    }

    /// One day's evaluation with the hysteresis state: `firedFor` is the last occasion of the lapse the programme last
    /// fired for (nil: never). Fires when the customer lapses and that lapse has not fired; returns the new state.
    public static func step(firedFor: Int?, purchaseDays: [Int], today: Int, factor: Double) -> (fires: Bool, firedFor: Int?) {
        guard let lapse = lapse(purchaseDays: purchaseDays, today: today, factor: factor), lapse.lastDay != firedFor else {
            return (false, firedFor)
        }
        return (true, lapse.lastDay)
    }
}
