/// The importance-performance matrix (Martilla & James 1977, *Journal of Marketing* 41(1); METHODS.md "Drivers"):
/// each factor placed by its importance (stated or derived) and its performance (satisfaction), the quadrants split
/// at the grand means of the factors shown; a value equal to the mean counts as high.
public struct ImportancePerformance: Sendable, Equatable, Codable {
    public enum Quadrant: String, Sendable, Codable, CaseIterable {
        /// High importance, low performance: fix first.
        case concentrateHere = "concentrate-here"
        /// High importance, high performance.
        case keepUpTheGoodWork = "keep-up-the-good-work"
        /// Low importance, low performance.
        case lowPriority = "low-priority"
        /// Low importance, high performance: effort may be better spent elsewhere.
        case possibleOverkill = "possible-overkill"
    }

    public struct Point: Sendable, Equatable, Codable {
        public var factor: String
        public var importance: Double
        public var performance: Double
        public var quadrant: Quadrant
    }

    public var importanceMean: Double
    public var performanceMean: Double
    public var points: [Point]

    /// nil without factors.
    public init?(_ factors: [(factor: String, importance: Double, performance: Double)]) {
        guard !factors.isEmpty else { return nil }
        let count = Double(factors.count)
        importanceMean = factors.reduce(0) { $0 + $1.importance } / count
        performanceMean = factors.reduce(0) { $0 + $1.performance } / count
        let (im, pm) = (importanceMean, performanceMean)
        points = factors.map { factor in
            let quadrant: Quadrant = switch (factor.importance >= im, factor.performance >= pm) {
            case (true, false): .concentrateHere
            case (true, true): .keepUpTheGoodWork
            case (false, false): .lowPriority
            case (false, true): .possibleOverkill
            }
            return Point(factor: factor.factor, importance: factor.importance, performance: factor.performance, quadrant: quadrant)
        }
    }

    /// From a driver analysis: importance = the drivers' weights, performance = their means.
    public init?(_ analysis: DriverAnalysis) {
        self.init(analysis.drivers.map { ($0.factor, $0.weight, $0.mean) })
    }
}
