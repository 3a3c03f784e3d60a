/// Pearson's product-moment correlation and the correlation matrix of several columns of equal length.
public enum Correlation {
    /// r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)²·Σ(y − ȳ)²); nil when a column is constant or shorter than 2.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
        let n = min(x.count, y.count)
        guard n >= 2 else { return nil }
        let mx = x.prefix(n).reduce(0, +) / Double(n), my = y.prefix(n).reduce(0, +) / Double(n)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = x[i] - mx, dy = y[i] - my
            sxy += dx * dy
            sxx += dx * dx
            syy += dy * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return max(-1, min(1, sxy / (sxx * syy).squareRoot()))
    }

    /// The matrix R with Rᵢⱼ = r(columnᵢ, columnⱼ), ones on the diagonal; nil when a column is constant.
    public static func matrix(_ columns: [[Double]]) -> [[Double]]? {
        let k = columns.count
        var r = (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } }
        for i in 0..<k {
            for j in (i + 1)..<k {
                guard let value = pearson(columns[i], columns[j]) else { return nil }
                r[i][j] = value
                r[j][i] = value
            }
        }
        if k == 1, pearson(columns[0], columns[0]) == nil { return nil }
        return r
    }
}
