import Foundation

/// L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares).
/// Minimises −Σ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)] + λ/2 Σⱼ βⱼ² with pᵢ = σ(β₀ + Σⱼ βⱼ xᵢⱼ); the intercept β₀ is not
/// penalised. With λ > 0 the objective is strictly convex, so the fit exists even for separable data.
public struct LogisticRegression: Sendable, Equatable {
    public var intercept: Double
    public var coefficients: [Double]
    public var iterations: Int

    public static func sigmoid(_ z: Double) -> Double {
        z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
    }

    public func probability(_ x: [Double]) -> Double {
        Self.sigmoid(intercept + zip(coefficients, x).reduce(0) { $0 + $1.0 * $1.1 })
    }

    /// Fits on rows `x` (each of the same length) and outcomes `y` (true = 1).
    public static func fit(_ x: [[Double]], _ y: [Bool], lambda: Double = 1, maxIterations: Int = 100, tolerance: Double = 1e-10)
        -> LogisticRegression
    {
        precondition(x.count == y.count && !x.isEmpty, "one outcome per row, at least one row")
        let d = x[0].count + 1
        var beta = [Double](repeating: 0, count: d)
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            var gradient = [Double](repeating: 0, count: d)
            var hessian = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
            for (row, outcome) in zip(x, y) {
                let features = [1.0] + row
                var z = 0.0
                for j in 0..<d { z += beta[j] * features[j] }
                let p = sigmoid(z)
                let residual = p - (outcome ? 1 : 0)
                let weight = max(p * (1 - p), 1e-12)
                for j in 0..<d {
                    gradient[j] += residual * features[j]
                    let wj = weight * features[j]
                    for k in j..<d { hessian[j][k] += wj * features[k] }
                }
            }
            for j in 0..<d {
                for k in 0..<j { hessian[j][k] = hessian[k][j] }
                if j > 0 {
                    gradient[j] += lambda * beta[j]
                    hessian[j][j] += lambda
                }
            }
            guard let step = solve(hessian, gradient) else { break }
            var largest = 0.0
            for j in 0..<d {
                beta[j] -= step[j]
                largest = max(largest, abs(step[j]))
            }
            if largest < tolerance { break }
        }
        return LogisticRegression(intercept: beta[0], coefficients: Array(beta.dropFirst()), iterations: iteration)
    }

    /// Solves A x = b by Gaussian elimination with partial pivoting; nil when A is singular.
    static func solve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
        var m = a
        var v = b
        let n = v.count
        for column in 0..<n {
            var pivot = column
            for row in column..<n where abs(m[row][column]) > abs(m[pivot][column]) { pivot = row }
            guard abs(m[pivot][column]) > 1e-300 else { return nil }
            if pivot != column {
                m.swapAt(pivot, column)
                v.swapAt(pivot, column)
            }
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                guard factor != 0 else { continue }
                for k in column..<n { m[row][k] -= factor * m[column][k] }
                v[row] -= factor * v[column]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var sum = v[row]
            for k in (row + 1)..<n { sum -= m[row][k] * x[k] }
            x[row] = sum / m[row][row]
        }
        return x
    }
}
