import Foundation
import OtklikCore

/// Time to reaction of the red-press alerts of a period, per location: the median seconds from the press to the first
/// reaction (acknowledged, or closed without an acknowledgement) with its distribution-free 95 % interval, over the
/// alerts that had a reaction; alerts still unanswered are counted apart (they have no time yet).
public struct AlertReactionReport: Sendable, Equatable, Codable {
    public struct Row: Sendable, Equatable, Codable {
        public var location: String
        /// Alerts opened in the period.
        public var opened: Int
        /// Of them, with a reaction: the n of the median.
        public var n: Int
        public var unanswered: Int
        public var closed: Int
        public var medianSeconds: Double?
        public var interval: Interval?
        /// Closed alerts by outcome.
        public var outcomes: [String: Int]

        enum CodingKeys: String, CodingKey {
            case location, opened, n, unanswered, closed, medianSeconds = "median_reaction_s", interval, outcomes
        }
    }

    public var rows: [Row]
    /// Every location together.
    public var overall: Row
    public var definition: String

    public static let definitionText =
        "time to reaction = seconds from the alert's opening (the press reaching the server) to the first reaction (acknowledged, or closed if nobody acknowledged first); "
        + "median over the alerts of the period that had a reaction (n); 95 % interval from order statistics (Conover), none below n = 6; "
        + "unanswered alerts have no time and are counted apart"

    public init(alerts: [RedPressAlert]) {
        func row(_ location: String, _ items: [RedPressAlert]) -> Row {
            let times = items.compactMap(\.reactionSeconds).map { max(0, $0) }
            var outcomes: [String: Int] = [:]
            for item in items { if let outcome = item.outcome { outcomes[outcome.rawValue, default: 0] += 1 } }
            return Row(
                location: location, opened: items.count, n: times.count, unanswered: items.count - times.count,
                closed: items.filter { $0.closedAt != nil }.count, medianSeconds: MedianInterval.median(times), interval: MedianInterval.interval(times),
                outcomes: outcomes)
        }
        rows = Dictionary(grouping: alerts, by: \.location).sorted { $0.key < $1.key }.map { row($0.key, $0.value) }
        overall = row("*", alerts)
        definition = Self.definitionText
    }
}
