import Foundation

/// The difference-in-differences of a metric: (treated after − treated before) − (control after − control before).
/// A trend common to both groups cancels; what remains is the change the treated group saw beyond the control's.
///
/// Interval by the delta method: the four cells are independent samples, so Var(DiD) is the sum of the four cells'
/// variances of their metric, each the metric's plain Wald variance on its own scale (METHODS.md):
/// NPS 10⁴·[p + d − (p − d)²]/n, a percentage 10⁴·p(1 − p)/n, a mean s²/n (s² with n − 1). 95 %: DiD ± 1.96·√Var.
/// Answers are treated as independent within a cell; the interval does not widen for location-level shocks that hit
/// only one group in one period.
public struct DifferenceInDifferences: Sendable, Equatable, Codable {
    /// One group in one period: the metric, its n and its sampling variance.
    public struct Cell: Sendable, Equatable, Codable {
        public var value: Double?
        public var n: Int
        public var variance: Double?
        /// Enough answers for a figure (n ≥ the minimum).
        public var sufficient: Bool
    }

    public var metric: MetricID
    public var treatedBefore: Cell
    public var treatedAfter: Cell
    public var controlBefore: Cell
    public var controlAfter: Cell
    /// Nil when a cell has too few answers.
    public var estimate: Double?
    public var standardError: Double?
    public var interval: Interval?

    /// The metrics it is defined for: those with a per-answer variance.
    public static let metrics: [MetricID] = [.nps, .csat, .ces, .cesEasy, .button, .negative]

    public init(metric: MetricID, treatedBefore: Tally, treatedAfter: Tally, controlBefore: Tally, controlAfter: Tally, minimumN: Int = 1) {
        self.metric = metric
        self.treatedBefore = Self.cell(metric, treatedBefore, minimumN: minimumN)
        self.treatedAfter = Self.cell(metric, treatedAfter, minimumN: minimumN)
        self.controlBefore = Self.cell(metric, controlBefore, minimumN: minimumN)
        self.controlAfter = Self.cell(metric, controlAfter, minimumN: minimumN)
        let cells = [self.treatedBefore, self.treatedAfter, self.controlBefore, self.controlAfter]
        guard cells.allSatisfy(\.sufficient), let tb = cells[0].value, let ta = cells[1].value, let cb = cells[2].value, let ca = cells[3].value else {
            return
        }
        let estimate = (ta - tb) - (ca - cb)
        let se = cells.reduce(0.0) { $0 + ($1.variance ?? 0) }.squareRoot()
        self.estimate = estimate
        standardError = se
        interval = Interval(low: estimate - Normal.z95 * se, high: estimate + Normal.z95 * se)
    }

    /// The metric of one cell and its variance on the metric's scale.
    static func cell(_ metric: MetricID, _ tally: Tally, minimumN: Int) -> Cell {
        let n = tally.n(for: metric)
        guard n > 0, n >= max(1, minimumN) else { return Cell(value: nil, n: n, variance: nil, sufficient: false) }
        let size = Double(n)
        func share(_ successes: Int) -> (Double, Double) {
            let p = Double(successes) / size
            return (100 * p, 10_000 * p * (1 - p) / size)
        }
        let value: Double
        let variance: Double
        switch metric {
        case .npsNonrespondersPassive, .npsNonrespondersDetractors, .count:
            return Cell(value: nil, n: n, variance: nil, sufficient: false)
        case .nps:
            let p = Double(tally.promoters) / size, d = Double(tally.detractors) / size
            (value, variance) = (100 * (p - d), 10_000 * (p + d - (p - d) * (p - d)) / size)
        case .csat: (value, variance) = share(tally.csatTop2)
        case .cesEasy: (value, variance) = share(tally.cesEasy)
        case .button: (value, variance) = share(tally.buttonPositive)
        case .negative: (value, variance) = share(tally.negative)
        case .ces:
            let mean = Double(tally.cesSum) / size
            let s2 = n > 1 ? max(0, (Double(tally.cesSumOfSquares) - size * mean * mean) / (size - 1)) : 0
            (value, variance) = (mean, s2 / size)
        }
        return Cell(value: value, n: n, variance: variance, sufficient: true)
    }

    /// Whether the interval leaves out zero (the effect is distinguishable from none at 95 %).
    public var excludesZero: Bool {
        guard let interval else { return false }
        return interval.low > 0 || interval.high < 0
    }
}
