/// Which groups (staff, locations) have a share significantly worse than their peers': each group with at
/// least `minimumN` answers is compared with all the other groups together by a one-sided two-proportion
/// z-test (pooled variance), and the p-values are adjusted for testing many groups at once by
/// Benjamini-Hochberg; a group is flagged when its adjusted value (q) is at most `falseDiscoveryRate`.
public enum PeerComparison {
    public struct Group: Sendable, Equatable {
        public var key: String
        public var successes: Int
        public var n: Int

        public init(key: String, successes: Int, n: Int) {
            self.key = key
            self.successes = successes
            self.n = n
        }
    }

    public struct Result: Sendable, Equatable {
        public var key: String
        public var share: Double
        public var n: Int
        /// The share among all the other groups together.
        public var peerShare: Double
        public var peerN: Int
        public var z: Double
        /// One-sided p-value of "this group's share is higher than its peers'".
        public var p: Double
        /// Benjamini-Hochberg adjusted p-value.
        public var q: Double
        public var flagged: Bool
    }

    /// Tests every group with enough answers; `successes` counts the bad outcome (e.g. negative answers).
    public static func worseThanPeers(_ groups: [Group], minimumN: Int, falseDiscoveryRate: Double = 0.05) -> [Result] {
        let totalSuccesses = groups.reduce(0) { $0 + $1.successes }, totalN = groups.reduce(0) { $0 + $1.n }
        var results: [Result] = []
        for group in groups where group.n >= max(minimumN, 1) {
            let peerN = totalN - group.n, peerSuccesses = totalSuccesses - group.successes
            guard peerN > 0 else { continue }
            let share = Double(group.successes) / Double(group.n), peerShare = Double(peerSuccesses) / Double(peerN)
            let pooled = Double(totalSuccesses) / Double(totalN)
            let se = (pooled * (1 - pooled) * (1 / Double(group.n) + 1 / Double(peerN))).squareRoot()
            let z = se > 0 ? (share - peerShare) / se : 0
            let p = 1 - Normal.cdf(z)
            results.append(Result(key: group.key, share: share, n: group.n, peerShare: peerShare, peerN: peerN, z: z, p: p, q: p, flagged: false))
        }
        // Benjamini-Hochberg: q(i) = min over j ≥ i of p(j)·m/j, in ascending order of p.
        let order = results.indices.sorted { results[$0].p < results[$1].p }
        let m = Double(order.count)
        var running = 1.0
        for (rank, index) in order.enumerated().reversed() {
            running = min(running, results[index].p * m / Double(rank + 1))
            results[index].q = running
            results[index].flagged = running <= falseDiscoveryRate
        }
        return results
    }
}
