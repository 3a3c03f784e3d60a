/// The number of clusters chosen by stability (Ben-Hur, Elisseeff & Guyon 2002; Lange et al. 2004): for each k, pairs
/// of bootstrap resamples of the points are clustered, every point is labelled by the nearest centroid of each of the
/// two clusterings, and the two labellings are compared by the adjusted Rand index. The chosen k has the highest mean
/// index (the smaller k on a tie within 0.005); a k-means whose clusters fall apart under resampling scores low.
public struct ClusterStability: Sendable, Equatable {
    public struct Candidate: Sendable, Equatable {
        public var k: Int
        public var meanARI: Double
        /// The indices of the pairs, for a reader who wants the spread.
        public var pairs: [Double]
    }

    public var candidates: [Candidate]
    public var chosen: Int

    /// `ks` within 2...n−1; `pairs` bootstrap pairs per k; at most `maxPoints` points are used (an even subsample by
    /// the seed) to bound the time.
    public static func choose(_ points: [[Double]], ks: ClosedRange<Int> = 2...8, pairs: Int = 6, seed: UInt64, maxPoints: Int = 1_200) -> ClusterStability {
        var random = SamplingRandom(seed: seed, key: "stability")
        var sample = points
        if points.count > maxPoints {
            var indices = Array(points.indices)
            for i in 0..<maxPoints {
                let j = i + random.next(below: indices.count - i)
                indices.swapAt(i, j)
            }
            sample = indices.prefix(maxPoints).sorted().map { points[$0] }
        }
        let n = sample.count
        var candidates: [Candidate] = []
        for k in ks where k >= 2 && k < n {
            var scores: [Double] = []
            for pair in 0..<pairs {
                var labellings: [[Int]] = []
                for side in 0..<2 {
                    var draw = SamplingRandom(seed: seed, key: "bootstrap:\(k):\(pair):\(side)")
                    let resample = (0..<n).map { _ in sample[draw.next(below: n)] }
                    let model = KMeans.fit(resample, k: k, seed: seed &+ UInt64(pair * 2 + side), restarts: 2, maxIterations: 50)
                    labellings.append(sample.map { KMeans.nearest($0, model.centroids) })
                }
                scores.append(AdjustedRandIndex.score(labellings[0], labellings[1]))
            }
            candidates.append(Candidate(k: k, meanARI: scores.reduce(0, +) / Double(scores.count), pairs: scores))
        }
        var chosen = candidates.first?.k ?? 1
        var best = -Double.infinity
        for candidate in candidates where candidate.meanARI > best + 0.005 {
            best = candidate.meanARI
            chosen = candidate.k
        }
        return ClusterStability(candidates: candidates, chosen: chosen)
    }
}
