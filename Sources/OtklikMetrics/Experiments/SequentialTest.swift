import Foundation

/// Always-valid inference for sequential monitoring: the mixture sequential probability ratio test with a normal
/// mixture N(0, τ²) over the effect (Robbins 1970; Johari, Pekelis & Walsh 2017, "Always valid inference").
/// With θ̂ the effect estimate and V its variance,
///   Λ = √(V/(V + τ²)) · exp(τ²θ̂² / (2V(V + τ²))),   p = min(1, 1/Λ),
/// and the confidence sequence θ̂ ± √(V(V + τ²)/τ² · (2 ln(1/α) + ln((V + τ²)/V))). By Ville's inequality the
/// chance that p ever falls to α under no effect is at most α, however often one looks.
/// τ² is tuned to the planned size N: τ² = r · V_N with V_N = V · n/N the effect's variance expected at the end and
/// r = 2 ln(1/α) + ln(1 + 2 ln(1/α)) (7.94 at α = 5 %), which nearly minimises the interval's width at N (Howard,
/// Ramdas, McAuliffe & Sekhon 2021, §3.5), so the test is sharpest at the planned end.
enum SequentialTest {
    struct Outcome {
        var p: Double
        var halfWidth: Double
    }

    static func evaluate(effect: Double, variance v: Double, unitsNow: Int, unitsPlanned: Int, alpha: Double) -> Outcome {
        let r = 2 * log(1 / alpha) + log(1 + 2 * log(1 / alpha))
        let tau2 = r * v * Double(unitsNow) / Double(max(unitsPlanned, unitsNow, 1))
        let logLambda = 0.5 * log(v / (v + tau2)) + tau2 * effect * effect / (2 * v * (v + tau2))
        let p = min(1, exp(-logLambda))
        let halfWidth = (v * (v + tau2) / tau2 * (2 * log(1 / alpha) + log((v + tau2) / v))).squareRoot()
        return Outcome(p: p, halfWidth: halfWidth)
    }
}
