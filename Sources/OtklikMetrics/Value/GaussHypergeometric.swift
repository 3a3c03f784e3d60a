import Foundation

/// Gauss's hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series, which the BG/NBD conditional
/// expectation needs (z = t/(α+T+t) stays below 1).
public enum GaussHypergeometric {
    public static func value(a: Double, b: Double, c: Double, z: Double) -> Double {
        precondition(z >= 0 && z < 1, "₂F₁ series needs 0 ≤ z < 1")
        var term = 1.0, sum = 1.0
        var n = 0.0
        while n < 1_000_000 {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
            sum += term
            n += 1
            if abs(term) <= 1e-16 * abs(sum) && n > 2 { break }
        }
        return sum
    }
}
