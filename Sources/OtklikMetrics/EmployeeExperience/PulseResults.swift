import OtklikCore

/// A pulse survey's eNPS per group and overall, under enforced anonymity (docs/methods.md, "eNPS and anonymity"):
/// - a group with fewer than the survey's minimum answers (5 or more) shows no figure, not even its number of answers;
/// - complementary suppression: when the total is shown and the hidden groups are only one, or add up to fewer than the
///   minimum, the next-smallest shown groups are hidden too until at least two are hidden and together they hold at
///   least the minimum — so subtracting every shown group from the total gives only a pool of at least the minimum,
///   never one small group;
/// - the total shows only with at least the minimum answers; comments only with the total, in alphabetical order
///   (never by group or by time).
/// eNPS = % promoters (9-10) − % detractors (0-6), with the adjusted-Wald 95 % interval (``NPSInterval``).
public struct PulseResults: Sendable, Equatable, Codable {
    /// One eNPS figure.
    public struct Figure: Sendable, Equatable, Codable {
        public var n: Int
        public var promoters: Int
        public var passives: Int
        public var detractors: Int
        public var enps: Double
        public var low: Double
        public var high: Double
    }

    /// Why a group shows no figure.
    public enum Suppression: String, Sendable, Equatable, Codable {
        /// Fewer answers than the minimum.
        case tooFew = "fewer_than_minimum"
        /// Enough answers, hidden so that a small group cannot be recovered by subtraction.
        case complementary
    }

    /// One location's or team's line.
    public struct Group: Sendable, Equatable, Codable {
        /// The location or team code; nil for staff with none.
        public var group: String?
        /// Staff invited in this group (known from the staff list anyway).
        public var invited: Int
        /// The figure; nil when hidden or when nobody answered.
        public var figure: Figure?
        public var suppressed: Suppression?
        /// True when nobody in the group answered (nothing to hide).
        public var noAnswers: Bool

        enum CodingKeys: String, CodingKey {
            case group, invited, figure, suppressed
            case noAnswers = "no_answers"
        }
    }

    public var minimumGroup: Int
    public var invited: Int
    public var total: Figure?
    public var groups: [Group]
    public var comments: [String]
    public var definition: String

    enum CodingKeys: String, CodingKey {
        case invited, total, groups, comments, definition
        case minimumGroup = "minimum_group"
    }

    public static let definitionText =
        "eNPS = % promoters (9-10) − % detractors (0-6) of the answers to “How likely are you to recommend working here?”; 95 % adjusted-Wald interval; no figure for a group with fewer than the minimum answers, complementary suppression"

    /// The results of `answers` given `invited` staff per group (every group invited, even one with no answers).
    public static func compute(answers: [PulseAnswer], invited: [String?: Int], minimumGroup: Int) -> PulseResults {
        var byGroup: [String?: [PulseAnswer]] = [:]
        for answer in answers { byGroup[answer.group, default: []].append(answer) }
        let keys = Set(invited.keys).union(byGroup.keys)
        let counts = Dictionary(uniqueKeysWithValues: keys.map { ($0, byGroup[$0]?.count ?? 0) })
        let totalShown = answers.count >= minimumGroup
        let hidden = suppressed(counts: counts, minimumGroup: minimumGroup, totalShown: totalShown)
        let groups = keys.sorted { ($0 ?? "\u{10FFFF}") < ($1 ?? "\u{10FFFF}") }.map { key -> Group in
            let n = counts[key] ?? 0
            let reason = hidden[key]
            return Group(
                group: key, invited: invited[key] ?? 0, figure: n == 0 || reason != nil ? nil : figure(byGroup[key] ?? []), suppressed: reason,
                noAnswers: n == 0)
        }
        let comments = totalShown ? answers.compactMap(\.comment).filter { !$0.isEmpty }.sorted() : []
        return PulseResults(
            minimumGroup: minimumGroup, invited: invited.values.reduce(0, +), total: totalShown ? figure(answers) : nil, groups: groups,
            comments: comments, definition: definitionText)
    }

    /// Which groups are hidden and why, from the number of answers in each.
    public static func suppressed(counts: [String?: Int], minimumGroup: Int, totalShown: Bool) -> [String?: Suppression] {
        var hidden: [String?: Suppression] = [:]
        for (key, n) in counts where n > 0 && n < minimumGroup { hidden[key] = .tooFew }
        guard totalShown, !hidden.isEmpty else { return hidden }
        // Smallest first; ties by code, so the choice is the same on every server.
        var candidates = counts.filter { $0.value >= minimumGroup }.sorted {
            $0.value != $1.value ? $0.value < $1.value : ($0.key ?? "\u{10FFFF}") < ($1.key ?? "\u{10FFFF}")
        }
        func pooled() -> Int { hidden.keys.reduce(0) { $0 + (counts[$1] ?? 0) } }
        while hidden.count == 1 || pooled() < minimumGroup, !candidates.isEmpty {
            hidden[candidates.removeFirst().key] = .complementary
        }
        return hidden
    }

    static func figure(_ answers: [PulseAnswer]) -> Figure {
        let n = answers.count
        let promoters = answers.filter { $0.score >= 9 }.count
        let detractors = answers.filter { $0.score <= 6 }.count
        let interval = NPSInterval.adjustedWald(promoters: promoters, detractors: detractors, n: n) ?? Interval(low: -100, high: 100)
        return Figure(
            n: n, promoters: promoters, passives: n - promoters - detractors, detractors: detractors,
            enps: n > 0 ? 100 * Double(promoters - detractors) / Double(n) : 0, low: interval.low, high: interval.high)
    }
}
