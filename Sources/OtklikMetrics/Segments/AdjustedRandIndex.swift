/// The adjusted Rand index of two labellings of the same items (Hubert & Arabie 1985): 1 for identical partitions (up to
/// the names of the clusters), about 0 for chance agreement, negative below chance. As scikit-learn's
/// `adjusted_rand_score`, two partitions that are both one cluster (or both all singletons) score 1.
public enum AdjustedRandIndex {
    public static func score(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "the labellings must be of the same items")
        let n = a.count
        guard n > 1 else { return 1 }
        var table: [Int: [Int: Int]] = [:]
        var rows: [Int: Int] = [:], columns: [Int: Int] = [:]
        for i in 0..<n {
            table[a[i], default: [:]][b[i], default: 0] += 1
            rows[a[i], default: 0] += 1
            columns[b[i], default: 0] += 1
        }
        func pairs(_ x: Int) -> Double { Double(x) * Double(x - 1) / 2 }
        let index = table.values.reduce(0.0) { sum, row in row.values.reduce(sum) { $0 + pairs($1) } }
        let sumRows = rows.values.reduce(0.0) { $0 + pairs($1) }
        let sumColumns = columns.values.reduce(0.0) { $0 + pairs($1) }
        let expected = sumRows * sumColumns / pairs(n)
        let maximum = (sumRows + sumColumns) / 2
        guard maximum != expected else { return 1 }
        return (index - expected) / (maximum - expected)
    }
}
