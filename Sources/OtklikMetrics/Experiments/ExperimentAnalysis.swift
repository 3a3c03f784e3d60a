import Foundation

/// The analysis of a randomised experiment (seed 001 4f; METHODS.md "Experiments"): the right test for the metric
/// and design, CUPED with a pre-period, clusters, sequential monitoring with always-valid intervals, and the
/// sample-ratio-mismatch alarm.
///
/// Tests, unclustered: NPS — z with the trinomial variance [p + d − (p − d)²]/n per arm; a proportion — the pooled
/// two-proportion z (interval from the unpooled standard error); a mean, or any outcome adjusted by CUPED — Welch's
/// t with Satterthwaite's degrees of freedom. Clustered: ``ClusterComparison``. Sequential: ``SequentialTest``.
public enum ExperimentAnalysis {
    /// Analyses units; `excluded` is passed through to the result (rows without an outcome).
    public static func analyze(_ observations: [ExperimentObservation], design: ExperimentDesign, excluded: Int = 0) throws(ExperimentError) -> ExperimentResult {
        var outcomes = observations.map(\.outcome)
        var varianceReduction: Double?
        let adjusted = observations.contains { $0.pre != nil }
        if adjusted {
            let cuped = CUPED.adjust(outcomes: outcomes, pre: observations.map(\.pre))
            outcomes = cuped.outcomes
            varianceReduction = cuped.varianceReduction
        }
        // The arms' values are reported unadjusted: CUPED changes the precision, not what was observed.
        let raw = arms(observations, observations.map(\.outcome))
        var result: ExperimentResult
        if observations.contains(where: { $0.cluster != nil }) {
            let clusters = try ClusterComparison(observations: observations, outcomes: outcomes)
            result = clustered(clusters, raw: raw, design: design, adjusted: adjusted)
        } else {
            let summaries = arms(observations, outcomes)
            guard summaries.control.n >= 2, summaries.treatment.n >= 2 else {
                throw ExperimentError(
                    "each arm needs at least two units with an outcome (control \(summaries.control.n), treatment \(summaries.treatment.n))",
                    kind: .tooFew(control: summaries.control.n, treatment: summaries.treatment.n, clusters: false))
            }
            guard let compared = compare(control: summaries.control, treatment: summaries.treatment, design: design, adjusted: adjusted) else {
                throw ExperimentError("the outcome does not vary in either arm: there is nothing to test", kind: .noVariation)
            }
            result = compared
            result.control.value = design.metric.scale * raw.control.mean
            result.treatment.value = design.metric.scale * raw.treatment.mean
        }
        result.varianceReduction = varianceReduction
        result.excluded = excluded
        return result
    }

    /// The unclustered comparison from the arms' sums (a sequential monitor keeps running sums); nil when the outcome
    /// does not vary. `adjusted`: the outcomes are CUPED-adjusted (Welch's t whatever the metric).
    public static func compare(control: ArmSummary, treatment: ArmSummary, design: ExperimentDesign, adjusted: Bool = false) -> ExperimentResult? {
        guard control.n >= 2, treatment.n >= 2 else { return nil }
        let scale = design.metric.scale
        let effect = treatment.mean - control.mean
        let test: String, variance: Double, p: Double, critical: Double
        switch (design.metric, adjusted) {
        case (.nps, false):
            variance = treatment.populationVariance! / Double(treatment.n) + control.populationVariance! / Double(control.n)
            guard variance > 0 else { return nil }
            test = "nps_trinomial_z"
            p = 2 * (1 - Normal.cdf(abs(effect) / variance.squareRoot()))
            critical = Normal.quantile(1 - design.alpha / 2)
        case (.proportion, false):
            let pooled = (control.sum + treatment.sum) / Double(control.n + treatment.n)
            let pooledVariance = pooled * (1 - pooled) * (1 / Double(control.n) + 1 / Double(treatment.n))
            guard pooledVariance > 0 else { return nil }
            variance = treatment.populationVariance! / Double(treatment.n) + control.populationVariance! / Double(control.n)
            test = "two_proportion_z"
            p = 2 * (1 - Normal.cdf(abs(effect) / pooledVariance.squareRoot()))
            critical = Normal.quantile(1 - design.alpha / 2)
        default:
            let vt = treatment.sampleVariance! / Double(treatment.n), vc = control.sampleVariance! / Double(control.n)
            variance = vt + vc
            guard variance > 0 else { return nil }
            let df = variance * variance / (vt * vt / Double(treatment.n - 1) + vc * vc / Double(control.n - 1))
            test = adjusted ? "welch_t_cuped" : "welch_t"
            p = StudentT.twoSidedP(effect / variance.squareRoot(), degreesOfFreedom: df)
            critical = StudentT.quantile(1 - design.alpha / 2, degreesOfFreedom: df)
        }
        var result = ExperimentResult(
            metric: design.metric, test: test, alpha: design.alpha,
            control: .init(n: control.n, value: scale * control.mean), treatment: .init(n: treatment.n, value: scale * treatment.mean),
            effect: scale * effect, standardError: scale * variance.squareRoot(),
            ciLow: scale * (effect - critical * variance.squareRoot()), ciHigh: scale * (effect + critical * variance.squareRoot()),
            pValue: p, significant: p <= design.alpha, varianceReduction: nil,
            srm: SampleRatioTest.test(control: control.n, treatment: treatment.n, controlShare: design.controlShare),
            clusters: nil, excluded: 0)
        if design.sequential {
            makeSequential(&result, effect: effect, variance: variance, units: control.n + treatment.n, design: design)
        }
        return result
    }

    private static func clustered(_ clusters: ClusterComparison, raw: (control: ArmSummary, treatment: ArmSummary), design: ExperimentDesign, adjusted: Bool) -> ExperimentResult {
        let scale = design.metric.scale
        let effect = clusters.effect, variance = clusters.variance
        let se = variance.squareRoot()
        let method = clusters.isFew ? "randomisation" : "cluster_robust_t"
        let p = clusters.isFew ? clusters.randomisationP() : StudentT.twoSidedP(effect / se, degreesOfFreedom: clusters.degreesOfFreedom)
        let critical = StudentT.quantile(1 - design.alpha / 2, degreesOfFreedom: clusters.degreesOfFreedom)
        let k = (control: clusters.control.count, treatment: clusters.treatment.count)
        var result = ExperimentResult(
            metric: design.metric, test: method + (adjusted ? "_cuped" : ""), alpha: design.alpha,
            control: .init(n: raw.control.n, value: scale * raw.control.mean), treatment: .init(n: raw.treatment.n, value: scale * raw.treatment.mean),
            effect: scale * effect, standardError: scale * se, ciLow: scale * (effect - critical * se), ciHigh: scale * (effect + critical * se),
            pValue: p, significant: p <= design.alpha, varianceReduction: nil,
            srm: SampleRatioTest.test(control: k.control, treatment: k.treatment, controlShare: design.controlShare),
            clusters: .init(control: k.control, treatment: k.treatment, method: method), excluded: 0)
        if design.sequential {
            makeSequential(&result, effect: effect, variance: variance, units: k.control + k.treatment, design: design)
        }
        return result
    }

    /// Replaces the fixed-horizon p-value and interval by the always-valid ones.
    private static func makeSequential(_ result: inout ExperimentResult, effect: Double, variance: Double, units: Int, design: ExperimentDesign) {
        let sequential = SequentialTest.evaluate(
            effect: effect, variance: variance, unitsNow: units, unitsPlanned: design.plannedUnits ?? units, alpha: design.alpha)
        let scale = design.metric.scale
        result.test += "+msprt"
        result.pValue = sequential.p
        result.significant = sequential.p <= design.alpha
        result.ciLow = scale * (effect - sequential.halfWidth)
        result.ciHigh = scale * (effect + sequential.halfWidth)
    }

    private static func arms(_ observations: [ExperimentObservation], _ outcomes: [Double]) -> (control: ArmSummary, treatment: ArmSummary) {
        var control = ArmSummary(), treatment = ArmSummary()
        for (observation, outcome) in zip(observations, outcomes) {
            if observation.arm == .control { control.add(outcome) } else { treatment.add(outcome) }
        }
        return (control, treatment)
    }
}
