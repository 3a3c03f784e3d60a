import Foundation

/// The Nelder-Mead simplex minimiser (standard coefficients 1, 2, ½, ½), restarted from its best point until a
/// restart no longer improves — the optimiser behind the value models, which fit their parameters on a log scale.
public enum NelderMead {
    public struct Result: Sendable {
        public var point: [Double]
        public var value: Double
        public var evaluations: Int
    }

    /// Minimises `f` from `start`; `step` is the initial simplex's edge. A non-finite value counts as +∞.
    public static func minimize(
        _ f: ([Double]) -> Double, start: [Double], step: Double = 0.5, tolerance: Double = 1e-12, maxEvaluations: Int = 20_000
    ) -> Result {
        var best = start, bestValue = safe(f(start))
        var evaluations = 1
        var edge = step
        for _ in 0..<6 {
            let round = run(f, start: best, step: edge, tolerance: tolerance, budget: maxEvaluations - evaluations)
            evaluations += round.evaluations
            let improved = bestValue - round.value > tolerance * max(1, abs(bestValue))
            if round.value <= bestValue { best = round.point; bestValue = round.value }
            if !improved || evaluations >= maxEvaluations { break }
            edge = max(step / 10, 0.05)
        }
        return Result(point: best, value: bestValue, evaluations: evaluations)
    }

    private static func safe(_ v: Double) -> Double { v.isFinite ? v : .infinity }

    private static func run(_ f: ([Double]) -> Double, start: [Double], step: Double, tolerance: Double, budget: Int) -> Result {
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var p = start
            p[i] += step
            simplex.append(p)
        }
        var values = simplex.map { safe(f($0)) }
        var evaluations = n + 1
        while evaluations < budget {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[n] - values[0])
            var size = 0.0
            for p in simplex.dropFirst() { for i in 0..<n { size = max(size, abs(p[i] - simplex[0][i])) } }
            if spread <= tolerance * max(1, abs(values[0])) && size <= 1e-9 { break }
            var centroid = [Double](repeating: 0, count: n)
            for p in simplex.dropLast() { for i in 0..<n { centroid[i] += p[i] / Double(n) } }
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (simplex[n][$0] - centroid[$0]) } }
            let reflected = along(-1)
            let fr = safe(f(reflected)); evaluations += 1
            if fr < values[0] {
                let expanded = along(-2)
                let fe = safe(f(expanded)); evaluations += 1
                if fe < fr { simplex[n] = expanded; values[n] = fe } else { simplex[n] = reflected; values[n] = fr }
            } else if fr < values[n - 1] {
                simplex[n] = reflected; values[n] = fr
            } else {
                let outside = fr < values[n]
                let contracted = along(outside ? -0.5 : 0.5)
                let fc = safe(f(contracted)); evaluations += 1
                if fc < (outside ? fr : values[n]) {
                    simplex[n] = contracted; values[n] = fc
                } else {
                    for j in 1...n {
                        simplex[j] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                        values[j] = safe(f(simplex[j]))
                    }
                    evaluations += n
                }
            }
        }
        let i = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[i], value: values[i], evaluations: evaluations)
    }
}
