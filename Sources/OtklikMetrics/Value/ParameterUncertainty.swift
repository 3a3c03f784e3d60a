import Foundation

/// How uncertain fitted parameters are: the inverse of the observed information — minus the log-likelihood's second
/// derivatives at its maximum, by central finite differences — on the scale the parameters are fitted on (logarithms
/// for the value models), and draws from the normal distribution it implies (the asymptotic distribution of the
/// maximum-likelihood estimate). A model's figure for one customer, computed for each draw, gives that figure's
/// interval from the parameters' uncertainty (``CLVInterval``).
public struct ParameterUncertainty: Sendable, Equatable {
    /// The maximum-likelihood point.
    public let point: [Double]
    /// The covariance of the estimate: the inverse of the observed information.
    public let covariance: [[Double]]
    /// Its lower Cholesky factor (covariance = L·Lᵀ).
    let cholesky: [[Double]]

    /// Standard errors of the point's coordinates.
    public var standardErrors: [Double] { (0..<point.count).map { covariance[$0][$0].squareRoot() } }

    /// The observed information of `logLikelihood` at its maximum `point`; nil when the curvature there is not
    /// negative definite (a flat or degenerate likelihood: the data cannot pin the parameters down) or not finite.
    /// - Parameter step: the finite-difference step on the parameters' scale.
    public static func observed(logLikelihood f: ([Double]) -> Double, at point: [Double], step: Double = 1e-3) -> ParameterUncertainty? {
        let k = point.count
        guard k > 0 else { return nil }
        func at(_ moves: [(Int, Double)]) -> Double {
            var x = point
            for (i, d) in moves { x[i] += d }
            return f(x)
        }
        let centre = f(point)
        var information = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            information[i][i] = -(at([(i, step)]) - 2 * centre + at([(i, -step)])) / (step * step)
            for j in 0..<i {
                let second = (at([(i, step), (j, step)]) - at([(i, step), (j, -step)]) - at([(i, -step), (j, step)]) + at([(i, -step), (j, -step)]))
                    / (4 * step * step)
                information[i][j] = -second
                information[j][i] = -second
            }
        }
        guard information.allSatisfy({ $0.allSatisfy(\.isFinite) }), let factor = Self.cholesky(information) else { return nil }
        // The covariance is the inverse of the information: solve L·Lᵀ·C = I column by column.
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for column in 0..<k {
            var y = [Double](repeating: 0, count: k)
            for i in 0..<k {
                var sum = i == column ? 1.0 : 0.0
                for j in 0..<i { sum -= factor[i][j] * y[j] }
                y[i] = sum / factor[i][i]
            }
            var x = [Double](repeating: 0, count: k)
            for i in stride(from: k - 1, through: 0, by: -1) {
                var sum = y[i]
                for j in (i + 1)..<k where j < k { sum -= factor[j][i] * x[j] }
                x[i] = sum / factor[i][i]
            }
            for i in 0..<k { covariance[i][column] = x[i] }
        }
        for i in 0..<k { for j in 0..<i { let mean = (covariance[i][j] + covariance[j][i]) / 2; covariance[i][j] = mean; covariance[j][i] = mean } }
        guard let root = Self.cholesky(covariance) else { return nil }
        return ParameterUncertainty(point: point, covariance: covariance, cholesky: root)
    }

    /// `count` draws of the parameters from N(point, covariance), the same for the same seed.
    public func draws(_ count: Int, seed: UInt64) -> [[Double]] {
        var random = SamplingRandom(seed: seed)
        let k = point.count
        return (0..<count).map { _ in
            let z = (0..<k).map { _ in Self.standardNormal(&random) }
            return (0..<k).map { i in point[i] + (0...i).reduce(0) { $0 + cholesky[i][$1] * z[$1] } }
        }
    }

    /// Box-Muller on two uniform draws (the first kept above zero).
    static func standardNormal(_ random: inout SamplingRandom) -> Double {
        let u = max(random.nextUnit(), 0x1.0p-53)
        let v = random.nextUnit()
        return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
    }

    /// The lower Cholesky factor of a symmetric matrix; nil unless it is positive definite.
    static func cholesky(_ m: [[Double]]) -> [[Double]]? {
        let k = m.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in 0...i {
                var sum = m[i][j]
                for p in 0..<j { sum -= l[i][p] * l[j][p] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        return l
    }
}
