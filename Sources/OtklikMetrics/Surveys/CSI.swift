/// Importance-weighted customer satisfaction index (METHODS.md "CSI"): CSI = Σ wᵢ·(S̄ᵢ − min)/(max − min)·100 with
/// Σw = 1. Each respondent's index uses the items they answered, the weights re-normalised over those items, so the
/// planned missingness of question rotation (each respondent sees a random subset) does not bias it; the CSI is the
/// mean of the respondents' indices, with Student's t interval over them. `itemMeanCSI` is the same formula applied
/// to the item means (available cases); without missing answers the two are equal.
public struct CSI: Sendable, Equatable, Codable {
    public var value: Double
    /// Respondents with at least one answered item (of positive weight).
    public var n: Int
    public var interval: Interval?
    /// Σ wᵢ·(S̄ᵢ − min)/(max − min)·100 over item means, weights re-normalised over items anyone answered.
    public var itemMeanCSI: Double
    /// S̄ᵢ per item, nil for an item nobody answered.
    public var itemMeans: [Double?]
    /// Answers per item.
    public var itemN: [Int]

    /// `answers[r][i]`: respondent r's score on item i (nil: not asked or not answered), on the scale `scale`.
    /// `weights`: importance per item (any positive scale; normalised here). nil when no respondent answered anything.
    public init?(answers: [[Double?]], weights: [Double], scale: ClosedRange<Double>, confidence: Double = 0.95) {
        let k = weights.count
        guard k > 0, scale.upperBound > scale.lowerBound, weights.allSatisfy({ $0 >= 0 }), answers.allSatisfy({ $0.count == k }) else { return nil }
        let width = scale.upperBound - scale.lowerBound
        func normalised(_ score: Double) -> Double { (min(max(score, scale.lowerBound), scale.upperBound) - scale.lowerBound) / width * 100 }
        var perRespondent: [Double] = []
        var sums = Array(repeating: 0.0, count: k), counts = Array(repeating: 0, count: k)
        for row in answers {
            var weighted = 0.0, weightSum = 0.0
            for (i, score) in row.enumerated() {
                guard let score, score.isFinite else { continue }
                sums[i] += score
                counts[i] += 1
                weighted += weights[i] * normalised(score)
                weightSum += weights[i]
            }
            if weightSum > 0 { perRespondent.append(weighted / weightSum) }
        }
        guard !perRespondent.isEmpty else { return nil }
        let sum = perRespondent.reduce(0, +)
        value = sum / Double(perRespondent.count)
        n = perRespondent.count
        interval = MeanInterval.t(sum: sum, sumOfSquares: perRespondent.reduce(0) { $0 + $1 * $1 }, n: n, confidence: confidence)
        itemMeans = (0..<k).map { counts[$0] > 0 ? sums[$0] / Double(counts[$0]) : nil }
        itemN = counts
        var weighted = 0.0, weightSum = 0.0
        for i in 0..<k { if let mean = itemMeans[i] { weighted += weights[i] * normalised(mean); weightSum += weights[i] } }
        itemMeanCSI = weightSum > 0 ? weighted / weightSum : value
    }
}
