import Foundation
@testable import OtklikMetrics
import Testing

/// The minimum detectable effect before an experiment's start (``ExperimentPlan``), on hand-made look-backs whose
/// figures were computed independently with SciPy (normal and Student's t quantiles):
/// - eight customers' NPS answers 10, 9, 7, 3, 5, 10, 0, 8 (codes +1 +1 0 −1 −1 +1 −1 0): σ = √0.75 = 86.60 points,
///   4 + 4 units at 50:50, SE 61.24, MDE (z.975 + z.8)·SE = 171.56 points; sequentially (the always-valid interval at
///   the planned end, c = 3.0352) 237.41;
/// - six clusters of 0/1 outcomes (A 1 1 0, B 0 0, C 1 1 1 1, D 0 1, E 1 0 0, F 1 1): r = 10/16 = 62.5 %, the delta
///   method's σ 38.31, SE 31.28 with 3 + 3 clusters, MDE (t.975,4 + t.8,4)·SE = 116.29 percentage points;
/// - ten CES answers 5 6 7 4 3 6 5 7 2 6 as a mean: sd 1.6633, MDE (t.975,8 + t.8,8)·sd·√(2/5) = 3.3610.
@Suite struct ExperimentPlanTests {
    static func units(_ values: [Double], cluster: String? = nil) -> [ExperimentObservation] {
        values.map { ExperimentObservation(arm: .control, outcome: $0, cluster: cluster) }
    }

    @Test func npsAtTheCustomerLevel() throws {
        let observations = Self.units([1, 1, 0, -1, -1, 1, -1, 0])
        let plan = try ExperimentPlan.plan(observations, design: ExperimentDesign(metric: .nps))
        #expect(plan.units == 8 && plan.controlUnits == 4 && plan.treatmentUnits == 4 && plan.answers == 8)
        #expect(plan.baseline == 0 && !plan.clustered && plan.quantiles == "normal" && plan.degreesOfFreedom == nil)
        #expect(abs(plan.standardDeviation - 86.6025) < 1e-3)
        #expect(abs(plan.standardError - 61.2372) < 1e-3)
        #expect(abs(plan.mde - 171.5614) < 1e-3)
        #expect(plan.sequentialMDE == nil)
        let sequential = try ExperimentPlan.plan(observations, design: ExperimentDesign(metric: .nps, sequential: true))
        #expect(abs(try #require(sequential.sequentialMDE) - 237.4064) < 1e-3)
        #expect(sequential.mde == plan.mde, "the fixed-horizon MDE is shown beside it")
    }

    @Test func clustersByTheDeltaMethod() throws {
        let clusters: [(String, [Double])] = [("A", [1, 1, 0]), ("B", [0, 0]), ("C", [1, 1, 1, 1]), ("D", [0, 1]), ("E", [1, 0, 0]), ("F", [1, 1])]
        let observations = clusters.flatMap { Self.units($0.1, cluster: $0.0) }
        let plan = try ExperimentPlan.plan(observations, design: ExperimentDesign(metric: .proportion))
        #expect(plan.clustered && plan.units == 6 && plan.answers == 16 && plan.controlUnits == 3 && plan.treatmentUnits == 3)
        #expect(plan.quantiles == "student_t" && plan.degreesOfFreedom == 4)
        #expect(abs(plan.baseline - 62.5) < 1e-9)
        #expect(abs(plan.standardDeviation - 38.3115) < 1e-3)
        #expect(abs(plan.standardError - 31.2812) < 1e-3)
        #expect(abs(plan.mde - 116.285) / 116.285 < 2e-3, "Cornish-Fisher's t quantiles are within 1e-3 at 4 degrees of freedom")
    }

    @Test func aMeanUsesStudentsT() throws {
        let plan = try ExperimentPlan.plan(Self.units([5, 6, 7, 4, 3, 6, 5, 7, 2, 6]), design: ExperimentDesign(metric: .mean))
        #expect(plan.degreesOfFreedom == 8 && abs(plan.baseline - 5.1) < 1e-9)
        #expect(abs(plan.standardDeviation - 1.66333) < 1e-4)
        #expect(abs(plan.mde - 3.36097) / 3.36097 < 2e-3)
    }

    @Test func anUnevenAllocationSplitsTheUnits() throws {
        let plan = try ExperimentPlan.plan(Self.units([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]), design: ExperimentDesign(metric: .proportion, controlShare: 0.7))
        #expect(plan.controlUnits == 7 && plan.treatmentUnits == 3)
        // σ = √(0.5·0.5) = 0.5; SE = 0.5·√(1/7 + 1/3) = 0.34503; MDE = 2.80158 · 34.503 = 96.66 points.
        #expect(abs(plan.standardError - 34.5033) < 1e-3 && abs(plan.mde - 96.663) < 1e-2)
    }

    @Test func tooFewUnitsOrNoSpreadSayWhy() {
        #expect(throws: ExperimentError.self) { try ExperimentPlan.plan(Self.units([1, 0, 1]), design: ExperimentDesign(metric: .proportion)) }
        #expect(throws: ExperimentError("the outcome did not vary over the look-back: there is no spread to plan with")) {
            try ExperimentPlan.plan(Self.units([1, 1, 1, 1, 1]), design: ExperimentDesign(metric: .nps))
        }
        let three = [("A", [1.0]), ("B", [0.0]), ("C", [1.0])].flatMap { Self.units($0.1, cluster: $0.0) }
        #expect(throws: ExperimentError("the look-back holds 3 clusters: at least four are needed, two per arm")) {
            try ExperimentPlan.plan(three, design: ExperimentDesign(metric: .proportion))
        }
    }
}
