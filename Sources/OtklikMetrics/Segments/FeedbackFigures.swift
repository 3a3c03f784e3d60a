import OtklikCore

/// NPS, CSAT and CES of a group of customers' feedback (a segment, a persona), each with its n and 95 % interval —
/// or hidden when the group has fewer customers than the minimum size (``minimumSize``, 30 by default), so no figure
/// is shown for a handful of people. NPS = % promoters (9-10) − % detractors (0-6) of the NPS answers, adjusted-Wald
/// interval; CSAT = share of top-2-box answers (4-5), Wilson interval; CES = mean answer (1-7), t interval.
public struct FeedbackFigures: Sendable, Equatable {
    public static let minimumSize = 30

    public struct Figure: Sendable, Equatable {
        public var value: Double
        public var low: Double?
        public var high: Double?
        public var n: Int
    }

    public var customers: Int
    /// False when the group is smaller than the minimum size: the figures are nil.
    public var shown: Bool
    public var minimumSize: Int
    public var nps: Figure?
    public var csat: Figure?
    public var ces: Figure?

    public static func compute(_ profiles: [CustomerProfile], minimumSize: Int = minimumSize) -> FeedbackFigures {
        var figures = FeedbackFigures(customers: profiles.count, shown: profiles.count >= minimumSize, minimumSize: minimumSize)
        guard figures.shown else { return figures }
        let npsN = profiles.reduce(0) { $0 + $1.npsAnswers }
        if npsN > 0 {
            let promoters = profiles.reduce(0) { $0 + $1.npsPromoters }, detractors = profiles.reduce(0) { $0 + $1.npsDetractors }
            let interval = NPSInterval.adjustedWald(promoters: promoters, detractors: detractors, n: npsN)
            figures.nps = Figure(value: 100 * Double(promoters - detractors) / Double(npsN), low: interval?.low, high: interval?.high, n: npsN)
        }
        let csatN = profiles.reduce(0) { $0 + $1.csatCount }
        if csatN > 0 {
            let top = profiles.reduce(0) { $0 + $1.csatTop2 }
            let interval = ProportionInterval.wilson(successes: top, n: csatN)
            figures.csat = Figure(value: 100 * Double(top) / Double(csatN), low: interval.map { 100 * $0.low }, high: interval.map { 100 * $0.high }, n: csatN)
        }
        let cesN = profiles.reduce(0) { $0 + $1.cesCount }
        if cesN > 0 {
            let sum = profiles.reduce(0.0) { $0 + $1.cesSum }, squares = profiles.reduce(0.0) { $0 + $1.cesSumOfSquares }
            let interval = MeanInterval.t(sum: sum, sumOfSquares: squares, n: cesN)
            figures.ces = Figure(value: sum / Double(cesN), low: interval?.low, high: interval?.high, n: cesN)
        }
        return figures
    }
}
