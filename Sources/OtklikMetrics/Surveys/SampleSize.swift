import Foundation

/// How many completed answers a survey needs (METHODS.md "Sampling and response"; Cochran 1977, §4.4):
/// n₀ = z²·V/e² with V = p(1 − p) for a proportion or V = p + d − (p − d)² for NPS/100, and the finite-population
/// correction n = n₀/[1 + (n₀ − 1)/N]. The margin e is a proportion (0.05 = ±5 percentage points, or ±5 NPS points).
public struct SampleSize: Sendable, Equatable, Codable {
    public enum Metric: String, Sendable, Codable, CaseIterable {
        case proportion, nps
    }

    public var metric: Metric
    public var margin: Double
    public var confidence: Double
    public var z: Double
    /// V in n₀ = z²·V/e².
    public var variance: Double
    /// Without the finite-population correction (not rounded).
    public var infinitePopulation: Double
    /// N, when given.
    public var population: Int?
    /// Completed answers needed, rounded up (never more than N).
    public var n: Int

    /// For a proportion: `p` the expected share (0.5, the default, is the worst case).
    public static func proportion(margin: Double, confidence: Double = 0.95, p: Double = 0.5, population: Int? = nil) -> SampleSize? {
        guard (0...1).contains(p) else { return nil }
        return SampleSize(metric: .proportion, margin: margin, confidence: confidence, variance: p * (1 - p), population: population)
    }

    /// For NPS: expected promoter and detractor shares; without them the worst case V = 1 (half promoters, half detractors).
    public static func nps(
        margin: Double, confidence: Double = 0.95, promoters: Double? = nil, detractors: Double? = nil, population: Int? = nil
    ) -> SampleSize? {
        var variance = 1.0
        if let p = promoters, let d = detractors {
            guard p >= 0, d >= 0, p + d <= 1 else { return nil }
            variance = p + d - (p - d) * (p - d)
        } else if promoters != nil || detractors != nil {
            return nil
        }
        return SampleSize(metric: .nps, margin: margin, confidence: confidence, variance: variance, population: population)
    }

    private init?(metric: Metric, margin: Double, confidence: Double, variance: Double, population: Int?) {
        guard margin > 0, margin < 1, confidence > 0, confidence < 1, population.map({ $0 > 0 }) ?? true else { return nil }
        self.metric = metric
        self.margin = margin
        self.confidence = confidence
        z = Normal.quantile(0.5 + confidence / 2)
        self.variance = variance
        infinitePopulation = z * z * variance / (margin * margin)
        self.population = population
        var needed = infinitePopulation
        if let population { needed = infinitePopulation / (1 + (infinitePopulation - 1) / Double(population)) }
        // A hair of tolerance so that exact results (e.g. 384.00000001) are not rounded up by floating-point noise.
        n = max(1, Int((needed - 1e-9).rounded(.up)))
        if let population { n = min(n, population) }
    }

    /// The same requirement at each location, from its population (e.g. customers served in the survey period).
    public func perLocation(_ populations: [(location: String, population: Int)]) -> [(location: String, size: SampleSize)] {
        populations.compactMap { entry in
            let size = SampleSize(metric: metric, margin: margin, confidence: confidence, variance: variance, population: entry.population)
            return size.map { (entry.location, $0) }
        }
    }
}
