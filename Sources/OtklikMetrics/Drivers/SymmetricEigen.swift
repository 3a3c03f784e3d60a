import Foundation

/// Eigenvalues and eigenvectors of a real symmetric matrix by the cyclic Jacobi method (Jacobi 1846; Golub & Van Loan,
/// *Matrix Computations*, §8.5): plane rotations zero the off-diagonal elements one by one until their sum of squares is
/// negligible. Exact enough (≈ machine precision) and always convergent for the small matrices of driver analysis.
public struct SymmetricEigen: Sendable, Equatable {
    /// Eigenvalues, descending.
    public var values: [Double]
    /// `vectors[i][k]` is component i of the eigenvector of `values[k]` (the eigenvectors are the columns), orthonormal.
    public var vectors: [[Double]]

    /// Decomposes a square symmetric matrix (only its symmetry up to rounding is assumed); nil when it is not square
    /// or holds a non-finite value.
    public init?(_ matrix: [[Double]], maxSweeps: Int = 100) {
        let n = matrix.count
        guard matrix.allSatisfy({ $0.count == n && $0.allSatisfy(\.isFinite) }) else { return nil }
        var a = matrix
        var v = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        let scale = max(a.joined().reduce(0) { $0 + $1 * $1 }, Double.leastNormalMagnitude)
        for _ in 0..<maxSweeps {
            var off = 0.0
            for p in 0..<n { for q in 0..<n where q != p { off += a[p][q] * a[p][q] } }
            if off <= scale * 1e-30 { break }
            for p in 0..<n {
                for q in (p + 1)..<n where a[p][q] != 0 {
                    let theta = (a[q][q] - a[p][p]) / (2 * a[p][q])
                    let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
                    let c = 1 / (t * t + 1).squareRoot(), s = t * c
                    for k in 0..<n {  // A·J: columns p and q
                        let akp = a[k][p], akq = a[k][q]
                        a[k][p] = c * akp - s * akq
                        a[k][q] = s * akp + c * akq
                    }
                    for k in 0..<n {  // Jᵀ·(A·J): rows p and q
                        let apk = a[p][k], aqk = a[q][k]
                        a[p][k] = c * apk - s * aqk
                        a[q][k] = s * apk + c * aqk
                    }
                    a[p][q] = 0
                    a[q][p] = 0
                    for k in 0..<n {  // V·J
                        let vkp = v[k][p], vkq = v[k][q]
                        v[k][p] = c * vkp - s * vkq
                        v[k][q] = s * vkp + c * vkq
                    }
                }
            }
        }
        let order = (0..<n).sorted { a[$0][$0] > a[$1][$1] }
        values = order.map { a[$0][$0] }
        vectors = (0..<n).map { i in order.map { v[i][$0] } }
    }

    /// V·diag(f(λ))·Vᵀ: a function of the matrix (its square root, inverse, …).
    public func reconstructed(_ transform: (Double) -> Double) -> [[Double]] {
        let n = values.count
        let f = values.map(transform)
        var result = Array(repeating: Array(repeating: 0.0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for k in 0..<n { sum += vectors[i][k] * f[k] * vectors[j][k] }
                result[i][j] = sum
            }
        }
        return result
    }
}
