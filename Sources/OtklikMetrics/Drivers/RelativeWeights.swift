/// Johnson's relative weights (Johnson 2000, *Multivariate Behavioral Research* 35(1); METHODS.md "Drivers"): the
/// predictors are replaced by their closest orthogonal counterparts Z, the target is regressed on Z, and each
/// predictor's weight is what it contributes to Z's explained variance. From correlations alone:
/// Rxx = V·diag(λ)·Vᵀ (symmetric Jacobi), Λ = V·diag(√λ)·Vᵀ, β = Λ⁻¹·rxy, εⱼ = Σₖ Λⱼₖ²·βₖ². The weights sum to R².
public struct RelativeWeights: Sendable, Equatable {
    /// εⱼ, one per predictor, in the predictors' order.
    public var weights: [Double]
    /// R² of the ordinary least-squares regression of the target on all predictors, b = Rxx⁻¹·rxy, R² = bᵀ·rxy.
    public var r2: Double
    /// Standardised OLS coefficients b.
    public var standardisedCoefficients: [Double]

    /// Smallest eigenvalue of Rxx, relative to the largest, below which the matrix counts as singular.
    public static let singularityTolerance = 1e-10

    /// From the predictors' correlation matrix and their correlations with the target; nil when Rxx is singular
    /// (a predictor is a linear combination of others).
    public init?(rxx: [[Double]], rxy: [Double]) {
        let p = rxy.count
        guard p > 0, rxx.count == p, let eigen = SymmetricEigen(rxx), let largest = eigen.values.first, largest > 0,
              let smallest = eigen.values.last, smallest > largest * Self.singularityTolerance
        else { return nil }
        let lambda = eigen.reconstructed { $0.squareRoot() }
        let lambdaInverse = eigen.reconstructed { 1 / $0.squareRoot() }
        let rxxInverse = eigen.reconstructed { 1 / $0 }
        func times(_ matrix: [[Double]], _ vector: [Double]) -> [Double] {
            matrix.map { row in zip(row, vector).reduce(0.0) { sum, pair in sum + pair.0 * pair.1 } }
        }
        let beta = times(lambdaInverse, rxy)
        let squaredBeta = beta.map { $0 * $0 }
        weights = times(lambda.map { row in row.map { $0 * $0 } }, squaredBeta)
        standardisedCoefficients = times(rxxInverse, rxy)
        r2 = zip(standardisedCoefficients, rxy).reduce(0.0) { sum, pair in sum + pair.0 * pair.1 }
    }
}
