import Foundation

/// The `segment` stratum of a survey's sampling plan (issue 18 item 7): the segment an interaction's customer belongs
/// to at sampling time. A customer in several segments falls in the first of them in the order the survey names
/// (`SurveySampling.segments`); a customer in none of them, a customer Otklik does not know and an interaction without
/// a customer fall in `other`. Membership is the one the metrics slice uses (the segments' rules evaluated at one
/// moment, `asOf`, with the customers merged into a member counted as the member).
public struct SegmentStratum: Sendable, Equatable {
    /// The stratum of everyone outside the named segments.
    public static let other = "other"

    /// The survey's segments, in its order.
    public var order: [String]
    /// Each segment's customers by code (members and the customers merged into them).
    public var members: [String: Set<String>]
    /// When the memberships were evaluated.
    public var asOf: Date

    public init(order: [String], members: [String: Set<String>], asOf: Date) {
        self.order = order
        self.members = members
        self.asOf = asOf
    }

    /// The stratum of a customer (nil: no customer known).
    public func label(customer: String?) -> String {
        guard let customer else { return Self.other }
        return order.first { members[$0]?.contains(customer) == true } ?? Self.other
    }
}
