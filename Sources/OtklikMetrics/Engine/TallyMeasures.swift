/// Which parts of a ``Tally`` a scan must fill: one histogram of codes per measure.
///
/// The scan keeps, for every group, a small histogram per measure (the NPS answer 0-10 or none, the
/// CSAT answer, the CES answer, the press, the rated/negative flags) and derives the tally from it.
/// A query that needs only NPS increments one counter a row instead of five.
public struct TallyMeasures: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let nps = TallyMeasures(rawValue: 1)
    public static let csat = TallyMeasures(rawValue: 2)
    public static let ces = TallyMeasures(rawValue: 4)
    public static let button = TallyMeasures(rawValue: 8)
    /// Rated and negative (the negative share needs every rating of a record at once).
    public static let flags = TallyMeasures(rawValue: 16)
    public static let all: TallyMeasures = [.nps, .csat, .ces, .button, .flags]

    /// What a metric reads from a tally.
    public init(_ metric: MetricID) {
        switch metric {
        case .nps, .npsNonrespondersPassive, .npsNonrespondersDetractors: self = .nps
        case .csat: self = .csat
        case .ces, .cesEasy: self = .ces
        case .button: self = .button
        case .negative: self = .flags
        case .count: self = []
        }
    }

    /// Histogram slots of each measure, in layout order: NPS none/0…10, CSAT none/0…5, CES none/0…7,
    /// press none/positive/neutral/negative, flags none/rated/-/rated+negative.
    static let order: [(measure: TallyMeasures, width: Int)] = [(.nps, 12), (.csat, 7), (.ces, 9), (.button, 4), (.flags, 4)]

    /// The measures actually counted: at least one, so that every group's record count is known.
    var effective: TallyMeasures { isEmpty ? .button : self }

    /// Offsets of each counted measure's histogram within a group's slots, and the slots per group.
    var layout: (nps: Int, csat: Int, ces: Int, button: Int, flags: Int, width: Int) {
        var offsets = [Int](repeating: -1, count: 5)
        var width = 0
        for (index, entry) in Self.order.enumerated() where effective.contains(entry.measure) {
            offsets[index] = width
            width += entry.width
        }
        return (offsets[0], offsets[1], offsets[2], offsets[3], offsets[4], width)
    }
}
