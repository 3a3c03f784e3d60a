/// Which parts of a ``Tally`` a scan must fill. A dense scan counts each group in a histogram over
/// the codes of just these scores (``HistogramLayout``) and derives the tally from it; fewer
/// measures mean fewer counters per group.
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

    /// What several metrics read.
    public init(_ metrics: some Sequence<MetricID>) {
        self = metrics.reduce(into: []) { $0.formUnion(TallyMeasures($1)) }
    }

    /// How a dense scan lays out each group's counters for these measures.
    var layout: HistogramLayout { HistogramLayout(self) }
}
