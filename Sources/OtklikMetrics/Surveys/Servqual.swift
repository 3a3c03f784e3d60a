/// SERVQUAL gap analysis (Parasuraman, Zeithaml & Berry 1988; METHODS.md "SERVQUAL"): for each item the gap is the
/// mean perception minus the mean expectation over respondents who answered both; a dimension's gap is the mean of its
/// items' gaps; the overall gap is the mean of the dimensions' gaps or, with 100 points split across the dimensions
/// by importance, their weighted sum Σ (pointsₐ/Σpoints)·gapₐ. A negative gap means service falls short of expectations.
public struct Servqual: Sendable, Equatable, Codable {
    /// The five dimensions of the original instrument, a template; any names may be used.
    public static let dimensions = ["tangibles", "reliability", "responsiveness", "assurance", "empathy"]

    public struct Item: Sendable, Equatable, Codable {
        public var name: String
        public var dimension: String
        public var expectation: Double
        public var perception: Double
        public var gap: Double
        /// Respondents who answered both batteries for this item.
        public var n: Int
    }

    public struct Dimension: Sendable, Equatable, Codable {
        public var name: String
        public var gap: Double
        /// Importance points given (0…100), when given.
        public var points: Double?
    }

    public var items: [Item]
    public var dimensions: [Dimension]
    /// Mean of the dimension gaps, or their point-weighted mean when points are given.
    public var overallGap: Double

    /// `items`: name and dimension per item; `expectations[r][i]`, `perceptions[r][i]`: respondent r on item i (nil: missing).
    /// `points`: importance points per dimension (they need not sum to exactly 100; they are normalised).
    public init?(items definitions: [(name: String, dimension: String)], expectations: [[Double?]], perceptions: [[Double?]], points: [String: Double]? = nil) {
        let k = definitions.count
        guard k > 0, expectations.count == perceptions.count,
              expectations.allSatisfy({ $0.count == k }), perceptions.allSatisfy({ $0.count == k }) else { return nil }
        var items: [Item] = []
        for (i, definition) in definitions.enumerated() {
            var e = 0.0, p = 0.0, n = 0
            for r in expectations.indices {
                guard let expected = expectations[r][i], let perceived = perceptions[r][i] else { continue }
                e += expected
                p += perceived
                n += 1
            }
            guard n > 0 else { continue }
            items.append(Item(name: definition.name, dimension: definition.dimension, expectation: e / Double(n), perception: p / Double(n),
                              gap: (p - e) / Double(n), n: n))
        }
        guard !items.isEmpty else { return nil }
        var order: [String] = []
        for item in items where !order.contains(item.dimension) { order.append(item.dimension) }
        dimensions = order.map { name in
            let gaps = items.filter { $0.dimension == name }.map(\.gap)
            return Dimension(name: name, gap: gaps.reduce(0, +) / Double(gaps.count), points: points?[name])
        }
        self.items = items
        if let points {
            let total = dimensions.reduce(0.0) { $0 + (points[$1.name] ?? 0) }
            guard total > 0 else { return nil }
            overallGap = dimensions.reduce(0.0) { $0 + (points[$1.name] ?? 0) / total * $1.gap }
        } else {
            overallGap = dimensions.reduce(0.0) { $0 + $1.gap } / Double(dimensions.count)
        }
    }
}
