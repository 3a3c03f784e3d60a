import Foundation

/// What a registered experiment can detect, worked out before its start (issue 19 item 5; METHODS.md "Experiments"):
/// the smallest true difference its registered test finds with 80 % power at the planned size,
///
///     MDE = (q₁₋α/₂ + q₀.₈) · SE,   SE = σ · √(1/K_control + 1/K_treatment)
///
/// on the metric's scale (NPS points, percentage points, the mean's unit). The units K are those a look-back as long as
/// the horizon holds, split by the planned allocation. σ is what the registered test will use:
/// - one unit per observation (customer, case): NPS — the trinomial √(p + d − (p − d)²); a proportion — √(p̄(1 − p̄));
///   a mean — the sample standard deviation; q is normal for NPS and proportions, Student's t with K − 2 degrees of
///   freedom for a mean (Welch's test at equal variances);
/// - whole clusters (agent, team, location, day): the delta method of ``ClusterComparison`` — σ² = Σ(s_k − r·m_k)² /
///   ((K − 1)·m̄²) over the clusters, q Student's t with K − 2 degrees of freedom (below 20 clusters the result uses
///   randomisation inference, for which this is an approximation).
/// With sequential monitoring the always-valid interval of ``SequentialTest`` at the planned end replaces q₁₋α/₂:
/// c = √((1 + ρ)/ρ · (2 ln(1/α) + ln(1 + ρ))), ρ = 2 ln(1/α) + ln(1 + 2 ln(1/α)) — 3.04 instead of 1.96 at α = 5 %.
public struct ExperimentPlan: Sendable, Equatable, Encodable {
    public static let power = 0.8

    public var metric: ExperimentMetric
    public var alpha: Double
    public var power: Double
    /// Units (clusters when clustered) expected over the horizon: those the look-back held.
    public var units: Int
    public var controlUnits: Int
    public var treatmentUnits: Int
    /// Answers behind the units (equal to `units` unless clustered).
    public var answers: Int
    /// The outcome over the look-back, on the metric's scale.
    public var baseline: Double
    /// σ above, on the metric's scale.
    public var standardDeviation: Double
    /// The effect's standard error expected at the planned size, on the metric's scale.
    public var standardError: Double
    /// The fixed-horizon test's minimum detectable effect.
    public var mde: Double
    /// With sequential monitoring: the always-valid test's minimum detectable effect at the planned end; else nil.
    public var sequentialMDE: Double?
    /// "normal" or "student_t" — the quantiles used.
    public var quantiles: String
    public var degreesOfFreedom: Int?
    public var clustered: Bool

    enum CodingKeys: String, CodingKey {
        case metric, alpha, power, units, answers, baseline, mde, quantiles, clustered
        case controlUnits = "control_units", treatmentUnits = "treatment_units", standardDeviation = "standard_deviation"
        case standardError = "standard_error", sequentialMDE = "sequential_mde", degreesOfFreedom = "degrees_of_freedom"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(metric, forKey: .metric)
        try container.encode(alpha, forKey: .alpha)
        try container.encode(power, forKey: .power)
        try container.encode(units, forKey: .units)
        try container.encode(controlUnits, forKey: .controlUnits)
        try container.encode(treatmentUnits, forKey: .treatmentUnits)
        try container.encode(answers, forKey: .answers)
        try container.encode(baseline, forKey: .baseline)
        try container.encode(standardDeviation, forKey: .standardDeviation)
        try container.encode(standardError, forKey: .standardError)
        try container.encode(mde, forKey: .mde)
        try container.encode(sequentialMDE, forKey: .sequentialMDE)
        try container.encode(quantiles, forKey: .quantiles)
        try container.encode(degreesOfFreedom, forKey: .degreesOfFreedom)
        try container.encode(clustered, forKey: .clustered)
    }

    /// The plan from a look-back's observations (their arms are ignored; a cluster key marks a clustered design, and
    /// then every observation needs one). Coded outcomes, as ``ExperimentAnalysis`` takes them.
    public static func plan(_ observations: [ExperimentObservation], design: ExperimentDesign) throws(ExperimentError) -> ExperimentPlan {
        let clustered = observations.contains { $0.cluster != nil }
        let scale = design.metric.scale
        let units: Int, mean: Double, sd: Double
        if clustered {
            var order: [String] = []
            var sums: [String: (units: Double, sum: Double)] = [:]
            for observation in observations {
                let key = observation.cluster ?? ""
                if sums[key] == nil { order.append(key) }
                sums[key, default: (0, 0)].units += 1
                sums[key]!.sum += observation.outcome
            }
            units = order.count
            guard units >= 4 else { throw ExperimentError("the look-back holds \(units) clusters: at least four are needed, two per arm") }
            let totalUnits = order.reduce(0) { $0 + sums[$1]!.units }
            mean = order.reduce(0) { $0 + sums[$1]!.sum } / totalUnits
            let meanUnits = totalUnits / Double(units)
            let squares = order.reduce(0) { $0 + pow(sums[$1]!.sum - mean * sums[$1]!.units, 2) }
            sd = (squares / (Double(units - 1) * meanUnits * meanUnits)).squareRoot()
        } else {
            let summary = ArmSummary(observations.map(\.outcome))
            units = summary.n
            guard units >= 4 else { throw ExperimentError("the look-back holds \(units) units with an answer: at least four are needed, two per arm") }
            mean = summary.mean
            switch design.metric {
            case .nps: sd = (summary.populationVariance ?? 0).squareRoot()
            case .proportion: sd = (mean * (1 - mean)).squareRoot()
            case .mean: sd = (summary.sampleVariance ?? 0).squareRoot()
            }
        }
        guard sd > 0, sd.isFinite else { throw ExperimentError("the outcome did not vary over the look-back: there is no spread to plan with") }
        let control = min(units - 2, max(2, Int((Double(units) * design.controlShare).rounded())))
        let treatment = units - control
        let se = sd * (1 / Double(control) + 1 / Double(treatment)).squareRoot()
        let useT = clustered || design.metric == .mean
        let df = useT ? max(1, units - 2) : nil
        func quantile(_ p: Double) -> Double { df.map { StudentT.quantile(p, degreesOfFreedom: $0) } ?? Normal.quantile(p) }
        let beta = quantile(power)
        var sequential: Double?
        if design.sequential {
            let logInverse = 2 * log(1 / design.alpha)
            let rho = logInverse + log(1 + logInverse)
            sequential = scale * ((((1 + rho) / rho) * (logInverse + log(1 + rho))).squareRoot() + beta) * se
        }
        return ExperimentPlan(
            metric: design.metric, alpha: design.alpha, power: power, units: units, controlUnits: control, treatmentUnits: treatment,
            answers: observations.count, baseline: scale * mean, standardDeviation: scale * sd, standardError: scale * se,
            mde: scale * (quantile(1 - design.alpha / 2) + beta) * se, sequentialMDE: sequential,
            quantiles: useT ? "student_t" : "normal", degreesOfFreedom: df, clustered: clustered)
    }
}
