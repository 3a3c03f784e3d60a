import Foundation

/// A purchase-pattern trigger (issue 19 item 2), written as an object in a definition:
///
/// - `{"kind": "purchase_pattern", "pattern": "first_purchase"}`: a welcome, fired **from the change feed** when a
///   stored transaction is the customer's first purchase — it is an event that happens at one moment, and the feed
///   delivers it within seconds, as it does complaints and answers.
/// - `{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 2}`: a lapsing regular (``PurchaseLapse``),
///   evaluated **on the daily round** like a prediction — a lapse is the absence of a purchase, which no feed event
///   announces: only the passing of days makes it true, so it is checked once per day of the organisation's calendar.
///   `factor` (2 by default) must be above 1: at 1 or less a perfectly regular customer would lapse on the very day
///   their next purchase is due.
public struct PurchasePattern: Sendable, Equatable {
    public enum Pattern: String, Sendable, CaseIterable {
        case firstPurchase = "first_purchase"
        case overdueRepeat = "overdue_repeat"
    }

    public var pattern: Pattern
    /// For `overdue_repeat`: the customer lapses when the days since their last purchase exceed `factor` × their median
    /// interval between purchases.
    public var factor: Double

    public init(pattern: Pattern, factor: Double = 2) {
        self.pattern = pattern
        self.factor = factor
    }

    /// Whether the change feed fires it (a first purchase) rather than the daily round (a lapse).
    public var runsOnFeed: Bool { pattern == .firstPurchase }

    static func parse(_ object: [String: Any]) throws(OtklikError) -> PurchasePattern {
        let known: Set<String> = ["kind", "pattern", "factor"]
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw .invalid(unknown, "unknown field; the fields of a purchase_pattern trigger are \(known.sorted().joined(separator: ", "))")
        }
        let pattern: Pattern = try ProgrammeDefinition.choice(object, "pattern", Pattern.allCases)
        switch pattern {
        case .firstPurchase:
            if object["factor"] != nil { throw .invalid("factor", "only the pattern overdue_repeat has a factor") }
            return PurchasePattern(pattern: pattern)
        case .overdueRepeat:
            let factor = try ProgrammeDefinition.number(object, "factor", default: 2)
            guard factor > 1, factor <= 100 else {
                throw .invalid("factor", "a number above 1 and at most 100: the lapse is the days since the last purchase beyond factor × the median interval")
            }
            return PurchasePattern(pattern: pattern, factor: factor)
        }
    }

    var json: [String: Any] {
        var object: [String: Any] = ["kind": ProgrammeTrigger.purchasePattern.rawValue, "pattern": pattern.rawValue]
        if pattern == .overdueRepeat { object["factor"] = factor }
        return object
    }
}
