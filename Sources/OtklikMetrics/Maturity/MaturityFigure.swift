/// A domain's, pillar's or the overall score: the mean of the assessed items' scores / 4 × 100 (0-100), with how many
/// of its items were assessed. Unassessed items are left out of the mean; with none assessed there is no score.
public struct MaturityFigure: Sendable, Equatable, Codable {
    public var score: Double?
    public var assessed: Int
    public var items: Int

    public init(score: Double?, assessed: Int, items: Int) {
        self.score = score
        self.assessed = assessed
        self.items = items
    }

    /// The figure of these items' scores (nil = not assessed).
    public static func of(_ scores: [Int?]) -> MaturityFigure {
        let assessed = scores.compactMap { $0 }
        let score = assessed.isEmpty ? nil : Double(assessed.reduce(0, +)) / Double(assessed.count) / 4 * 100
        return MaturityFigure(score: score, assessed: assessed.count, items: scores.count)
    }
}
