import Foundation
import OtklikMetrics

/// One segment as a slice of the feedback metrics (issue 18 item 7): its current members and the customer ids the
/// analytics engine selects records by — the members and every customer merged into one of them (the engine labels a
/// record with the customer it had when it was read, and a merge moves records to the survivor) — with the size the
/// minimum applies to.
public struct SegmentSlice: Sendable {
    public var reported: ReportedSegment
    public var members: Set<String>
    /// The engine's customer filter (``FeedbackQuery/customers``).
    public var customers: Set<String>

    public var code: String { reported.code }
    public var shown: Bool { reported.shown }

    /// Members plus the customers merged into them, following chains (A into B into C: A and B count with C).
    static func customers(of members: Set<String>, merged: [String: String]) -> Set<String> {
        var result = members
        for start in merged.keys {
            var current = start
            var steps = 0
            while let next = merged[current], steps < 64 {
                current = next
                steps += 1
            }
            if members.contains(current) { result.insert(start) }
        }
        return result
    }
}
