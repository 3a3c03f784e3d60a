import Foundation

/// The minimum detectable effect of a programme against its hold-out (METHODS: "Programmes"): the smallest true
/// difference a two-sided test at α finds with 80 % power,
///
///     MDE = (z₁₋α/₂ + z₀.₈) · σ · √(1/n_treated + 1/n_holdout)
///
/// on the outcome's scale. σ is the outcome's pooled standard deviation when both arms have data; before launch (no
/// data) σ is the proportion's worst case 0.5, NPS's 1 and revenue's unknown (nil). Before launch the sizes are those
/// of `eligible` customers split by the hold-out share.
public enum ProgrammeMDE {
    public static let power = 0.8

    public static func mde(metric: ExperimentMetric, treated: ArmSummary, holdout: ArmSummary, holdoutShare: Double, alpha: Double = 0.05) -> Double? {
        guard treated.n >= 2, holdout.n >= 2 else { return nil }
        let pooled = ArmSummary(n: treated.n + holdout.n, sum: treated.sum + holdout.sum, sumOfSquares: treated.sumOfSquares + holdout.sumOfSquares)
        guard var sd = pooled.sampleVariance?.squareRoot() else { return nil }
        if sd == 0 { sd = priorSD(metric) ?? 0 }
        guard sd > 0 else { return nil }
        return formula(sd: sd, treated: treated.n, holdout: holdout.n, alpha: alpha) * metric.scale
    }

    /// Before launch: `eligible` customers a period, split by the hold-out share, with the worst-case σ.
    public static func beforeLaunch(metric: ExperimentMetric, eligible: Int, holdoutShare: Double, alpha: Double = 0.05) -> Double? {
        let held = Int((Double(eligible) * holdoutShare).rounded())
        let treated = eligible - held
        guard treated >= 2, held >= 2, let sd = priorSD(metric) else { return nil }
        return formula(sd: sd, treated: treated, holdout: held, alpha: alpha) * metric.scale
    }

    static func priorSD(_ metric: ExperimentMetric) -> Double? {
        switch metric {
        case .proportion: 0.5
        case .nps: 1
        case .mean: nil
        }
    }

    static func formula(sd: Double, treated: Int, holdout: Int, alpha: Double) -> Double {
        (Normal.quantile(1 - alpha / 2) + Normal.quantile(power)) * sd * (1 / Double(treated) + 1 / Double(holdout)).squareRoot()
    }
}
