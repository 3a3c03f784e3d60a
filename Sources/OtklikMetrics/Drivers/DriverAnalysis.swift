/// Key-driver analysis of an integral score (METHODS.md "Drivers and models"; issue 6): which factors matter, derived
/// from data. Rows with a missing value in the target or in any factor are deleted listwise (and counted); then either
/// Johnson's relative weights or the Pearson correlations with the target are computed. R² is that of the OLS
/// regression of the target on all factors. Drivers are listed by weight, largest first.
public struct DriverAnalysis: Sendable, Equatable, Codable {
    public struct Driver: Sendable, Equatable, Codable {
        public var factor: String
        /// Relative weight εⱼ, or Pearson r for the correlation method.
        public var weight: Double
        /// εⱼ/R², or r²/Σr²: the factor's share of the explained variance.
        public var share: Double
        /// The factor's mean over the complete rows.
        public var mean: Double
    }

    public var target: String
    /// Complete rows used.
    public var n: Int
    /// Rows dropped for a missing value in the target or a factor.
    public var dropped: Int
    /// R² of the OLS regression; nil only for the correlation method when the factors' correlation matrix is singular.
    public var r2: Double?
    public var method: DriverMethod
    public var drivers: [Driver]

    /// Analyses a target column against factor columns of the same length; nil cells are missing values.
    public init(
        target: String, values: [Double?], factors: [(name: String, values: [Double?])], method: DriverMethod = .relativeWeights
    ) throws(DriverAnalysisError) {
        guard !factors.isEmpty else { throw .invalidInput("no factors") }
        let names = factors.map(\.name)
        guard Set(names).count == names.count else { throw .invalidInput("a factor is listed twice") }
        guard !names.contains(target) else { throw .invalidInput("the target \(target) is also a factor") }
        guard factors.allSatisfy({ $0.values.count == values.count }) else { throw .invalidInput("columns of different lengths") }

        var y: [Double] = []
        var x: [[Double]] = Array(repeating: [], count: factors.count)
        var dropped = 0
        for row in values.indices {
            guard let value = values[row], value.isFinite,
                  factors.allSatisfy({ $0.values[row].map(\.isFinite) ?? false })
            else { dropped += 1; continue }
            y.append(value)
            for (index, factor) in factors.enumerated() { x[index].append(factor.values[row]!) }
        }
        let needed = factors.count + 2
        guard y.count >= needed else { throw .tooFewRows(complete: y.count, needed: needed) }
        for (index, column) in x.enumerated() where Set(column).count < 2 { throw .constantColumn(names[index]) }
        if Set(y).count < 2 { throw .constantColumn(target) }
        guard let rxx = Correlation.matrix(x) else { throw .singularCorrelationMatrix }
        let rxy = x.map { Correlation.pearson($0, y) ?? 0 }
        let means = x.map { $0.reduce(0, +) / Double($0.count) }
        let solved = RelativeWeights(rxx: rxx, rxy: rxy)

        var drivers: [Driver] = []
        switch method {
        case .relativeWeights:
            guard let solved else { throw .singularCorrelationMatrix }
            drivers = names.indices.map {
                Driver(factor: names[$0], weight: solved.weights[$0], share: solved.r2 > 0 ? solved.weights[$0] / solved.r2 : 0, mean: means[$0])
            }
        case .correlation:
            let total = rxy.reduce(0) { $0 + $1 * $1 }
            drivers = names.indices.map {
                Driver(factor: names[$0], weight: rxy[$0], share: total > 0 ? rxy[$0] * rxy[$0] / total : 0, mean: means[$0])
            }
        }
        self.target = target
        n = y.count
        self.dropped = dropped
        r2 = solved?.r2
        self.method = method
        self.drivers = drivers.enumerated().sorted { ($0.element.weight, -$0.offset) > ($1.element.weight, -$1.offset) }.map(\.element)
    }

    /// Keys in the order of the JSON shape; a missing R² is written as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(target, forKey: .target)
        try container.encode(n, forKey: .n)
        try container.encode(dropped, forKey: .dropped)
        try container.encode(r2, forKey: .r2)
        try container.encode(method, forKey: .method)
        try container.encode(drivers, forKey: .drivers)
    }
}
