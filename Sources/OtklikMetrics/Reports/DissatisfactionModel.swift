/// The dissatisfaction model (seed 002): what negative comments are about, by a dimension (location, staff member,
/// service) and by month.
///
/// For a group (one location, say) with n negative comments of which c mention a reason, the reason's share is
/// 100·c/n % with a Wilson 95 % interval: how much of that group's dissatisfaction the reason accounts for. A comment
/// may mention several reasons, so shares need not add up to 100 %. A group with n below the minimum shows counts
/// only (the share is "insufficient data").
public enum DissatisfactionModel {
    /// One analysed comment, reduced to what the model needs.
    public struct Comment: Sendable, Equatable {
        /// The dimension's value (location code, …); nil when the feedback has none (counted in the overall only).
        public var key: String?
        /// The period it falls in, e.g. `2026-03` for its month.
        public var period: String
        public var negative: Bool
        public var reasons: [String]

        public init(key: String?, period: String, negative: Bool, reasons: [String]) {
            self.key = key
            self.period = period
            self.negative = negative
            self.reasons = reasons
        }
    }

    /// A reason's count and share within a group's negative comments.
    public struct ReasonShare: Sendable, Equatable, Encodable {
        public var reason: String
        public var count: Int
        /// Percent of the group's negative comments; nil when n is below the minimum.
        public var share: Double?
        public var interval: Interval?

        enum CodingKeys: String, CodingKey { case reason, count, share, ciLow = "ci_low", ciHigh = "ci_high" }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(reason, forKey: .reason)
            try container.encode(count, forKey: .count)
            try container.encode(share, forKey: .share)
            try container.encode(interval?.low, forKey: .ciLow)
            try container.encode(interval?.high, forKey: .ciHigh)
        }
    }

    /// One group (or period, or everything): its comments, negative comments (n), those with no reason, and each reason.
    public struct Group: Sendable, Equatable, Encodable {
        public var key: String
        public var comments: Int
        public var n: Int
        public var unthemed: Int
        public var reasons: [ReasonShare]

        public func reason(_ code: String) -> ReasonShare? { reasons.first { $0.reason == code } }
    }

    public struct Report: Sendable, Equatable, Encodable {
        /// The reasons in column order: those found in negative comments, most frequent first.
        public var reasons: [String]
        public var overall: Group
        public var groups: [Group]
        /// Per period, oldest first.
        public var trend: [Group]
    }

    /// Builds the model. `reasons` is the taxonomy's order, used to break ties; reasons never found are left out.
    public static func build(_ comments: [Comment], reasons taxonomy: [String], minimumN: Int) -> Report {
        var overall = Tally()
        var groups: [String: Tally] = [:]
        var periods: [String: Tally] = [:]
        for comment in comments {
            overall.add(comment)
            if let key = comment.key { groups[key, default: Tally()].add(comment) }
            periods[comment.period, default: Tally()].add(comment)
        }
        let rank = Dictionary(taxonomy.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let found = overall.reasons.keys.sorted { a, b in
            let (ca, cb) = (overall.reasons[a] ?? 0, overall.reasons[b] ?? 0)
            if ca != cb { return ca > cb }
            let (ra, rb) = (rank[a] ?? Int.max, rank[b] ?? Int.max)
            return ra != rb ? ra < rb : a < b
        }
        func group(_ key: String, _ tally: Tally) -> Group {
            Group(key: key, comments: tally.comments, n: tally.negative, unthemed: tally.unthemed, reasons: found.map { reason in
                let count = tally.reasons[reason] ?? 0
                guard tally.negative >= max(minimumN, 1) else { return ReasonShare(reason: reason, count: count, share: nil, interval: nil) }
                let interval = ProportionInterval.wilson(successes: count, n: tally.negative)
                return ReasonShare(
                    reason: reason, count: count, share: 100 * Double(count) / Double(tally.negative),
                    interval: interval.map { Interval(low: 100 * $0.low, high: 100 * $0.high) })
            })
        }
        return Report(
            reasons: found, overall: group("all", overall),
            groups: groups.sorted { $0.key < $1.key }.map { group($0.key, $0.value) },
            trend: periods.sorted { $0.key < $1.key }.map { group($0.key, $0.value) })
    }

    struct Tally {
        var comments = 0
        var negative = 0
        var unthemed = 0
        var reasons: [String: Int] = [:]

        mutating func add(_ comment: Comment) {
            comments += 1
            guard comment.negative else { return }
            negative += 1
            if comment.reasons.isEmpty { unthemed += 1 }
            for reason in Set(comment.reasons) { reasons[reason, default: 0] += 1 }
        }
    }
}
