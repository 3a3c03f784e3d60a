/// k-means (Lloyd's algorithm) with k-means++ seeding (Arthur & Vassilvitskii 2007), deterministic by seed: the best
/// of `restarts` runs by within-cluster sum of squares. Points are rows of equal length (already standardised).
public struct KMeans: Sendable, Equatable {
    public var centroids: [[Double]]
    public var labels: [Int]
    /// The within-cluster sum of squared distances.
    public var inertia: Double

    public static func fit(_ points: [[Double]], k: Int, seed: UInt64, restarts: Int = 5, maxIterations: Int = 100) -> KMeans {
        precondition(k >= 1 && k <= points.count, "k must be between 1 and the number of points")
        var best: KMeans?
        for run in 0..<max(1, restarts) {
            var random = SamplingRandom(seed: seed, key: "kmeans:\(k):\(run)")
            let result = lloyd(points, initial: plusPlus(points, k: k, random: &random), maxIterations: maxIterations)
            if best == nil || result.inertia < best!.inertia - 1e-12 { best = result }
        }
        return best!
    }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var sum = 0.0
        for i in a.indices {
            let d = a[i] - b[i]
            sum += d * d
        }
        return sum
    }

    /// The index of the nearest centroid (the first on ties).
    public static func nearest(_ point: [Double], _ centroids: [[Double]]) -> Int {
        var best = 0, bestDistance = Double.infinity
        for (index, centroid) in centroids.enumerated() {
            let d = distance(point, centroid)
            if d < bestDistance { best = index; bestDistance = d }
        }
        return best
    }

    static func plusPlus(_ points: [[Double]], k: Int, random: inout SamplingRandom) -> [[Double]] {
        var centroids = [points[random.next(below: points.count)]]
        var nearestDistance = points.map { distance($0, centroids[0]) }
        while centroids.count < k {
            let total = nearestDistance.reduce(0, +)
            var chosen = random.next(below: points.count)
            if total > 0 {
                var target = random.nextUnit() * total
                for (index, d) in nearestDistance.enumerated() {
                    target -= d
                    if target < 0 { chosen = index; break }
                }
            }
            centroids.append(points[chosen])
            for index in points.indices { nearestDistance[index] = min(nearestDistance[index], distance(points[index], points[chosen])) }
        }
        return centroids
    }

    static func lloyd(_ points: [[Double]], initial: [[Double]], maxIterations: Int) -> KMeans {
        var centroids = initial
        var labels = [Int](repeating: -1, count: points.count)
        let dimensions = points.first?.count ?? 0
        for _ in 0..<maxIterations {
            var changed = false
            for (index, point) in points.enumerated() {
                let label = nearest(point, centroids)
                if label != labels[index] { labels[index] = label; changed = true }
            }
            if !changed { break }
            var sums = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: centroids.count)
            var counts = [Int](repeating: 0, count: centroids.count)
            for (index, point) in points.enumerated() {
                counts[labels[index]] += 1
                for d in 0..<dimensions { sums[labels[index]][d] += point[d] }
            }
            for c in centroids.indices where counts[c] > 0 {  // an emptied cluster keeps its centroid
                centroids[c] = sums[c].map { $0 / Double(counts[c]) }
            }
        }
        let inertia = points.indices.reduce(0.0) { $0 + distance(points[$1], centroids[labels[$1]]) }
        return KMeans(centroids: centroids, labels: labels, inertia: inertia)
    }
}
