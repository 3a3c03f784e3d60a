/// Which groups (staff, locations, services) are weak links: significantly and materially worse than their
/// peers on an integral metric (NPS, CSAT, CES, positive presses).
///
/// Each candidate group with at least `minimumN` answers to a metric is compared with its peers (the other
/// candidates of the same peer set, merged; a staff member's peers are the other staff of the same
/// location). The gap is the group's value minus the peers' value in the metric's own unit (NPS points,
/// percentage points, CES points); its standard error is the unpooled (Welch) one,
/// √(s²_group/n_group + s²_peers/n_peers), with the per-answer variance of the metric: 100²·(p + d − (p − d)²)
/// for NPS (promoters p, detractors d), 100²·p(1 − p) for a share, the sample variance for the CES mean.
/// z = gap/SE, the one-sided p-value is Φ(z), and the p-values of all the tests run together are adjusted by
/// Benjamini-Hochberg. A group is flagged on a metric when its adjusted value q ≤ `falseDiscoveryRate` and
/// its gap is at least the metric's ``minimumGap(_:)`` below the peers.
public enum WeakLinkTest {
    /// One group to test and the peer set it is compared within.
    public struct Candidate: Sendable, Equatable {
        public var key: String
        /// Candidates with the same peer set are each other's peers (e.g. the staff of one location).
        public var peerSet: String
        public var tally: Tally

        public init(key: String, peerSet: String = "", tally: Tally) {
            self.key = key
            self.peerSet = peerSet
            self.tally = tally
        }
    }

    /// The outcome of one group on one metric.
    public struct Finding: Sendable, Equatable {
        public var key: String
        public var peerSet: String
        public var metric: MetricID
        /// The group's own figure with its interval.
        public var value: MetricValue
        /// The peers' figure on the same scale, and how many answers it rests on.
        public var peerValue: Double
        public var peerN: Int
        /// Group minus peers, in the metric's unit (negative = worse).
        public var gap: Double
        public var z: Double
        /// One-sided p-value of "this group is worse than its peers".
        public var p: Double
        /// Benjamini-Hochberg adjusted p-value over all the tests run together.
        public var q: Double
        public var flagged: Bool
    }

    /// The metrics a weak link is judged on.
    public static let metrics: [MetricID] = [.nps, .csat, .ces, .button]

    /// The smallest gap below the peers that counts: 5 NPS points, 5 percentage points, 0.3 CES points.
    public static func minimumGap(_ metric: MetricID) -> Double {
        switch metric {
        case .ces: 0.3
        default: 5
        }
    }

    /// Tests every candidate with enough answers on every metric and adjusts all the p-values together.
    public static func run(
        _ candidates: [Candidate], metrics: [MetricID] = WeakLinkTest.metrics, minimumN: Int, falseDiscoveryRate: Double = 0.05
    ) -> [Finding] {
        var totals: [String: Tally] = [:]
        for candidate in candidates { totals[candidate.peerSet, default: Tally()].merge(candidate.tally) }
        var findings: [Finding] = []
        for metric in metrics {
            for candidate in candidates {
                let own = Moments(metric, candidate.tally)
                guard own.n >= max(minimumN, 1) else { continue }
                let peers = Moments(metric, totals[candidate.peerSet, default: Tally()]).removing(own)
                guard peers.n >= max(minimumN, 1) else { continue }
                let gap = own.mean - peers.mean
                let se = (own.variance / Double(own.n) + peers.variance / Double(peers.n)).squareRoot()
                let z = se > 0 ? gap / se : (gap < 0 ? -.infinity : 0)
                let p = se > 0 ? Normal.cdf(z) : (gap < 0 ? 0 : 1)
                findings.append(Finding(
                    key: candidate.key, peerSet: candidate.peerSet, metric: metric, value: candidate.tally.evaluate(metric, minimumN: minimumN),
                    peerValue: peers.mean, peerN: peers.n, gap: gap, z: z, p: p, q: p, flagged: false))
            }
        }
        // Benjamini-Hochberg: q(i) = min over j ≥ i of p(j)·m/j, in ascending order of p.
        let order = findings.indices.sorted { findings[$0].p < findings[$1].p }
        let m = Double(order.count)
        var running = 1.0
        for (rank, index) in order.enumerated().reversed() {
            running = min(running, findings[index].p * m / Double(rank + 1))
            findings[index].q = running
            findings[index].flagged = running <= falseDiscoveryRate && findings[index].gap <= -minimumGap(findings[index].metric)
        }
        return findings
    }

    /// Sums of one metric's per-answer scores, in the metric's unit: enough for a mean and a variance.
    struct Moments {
        var n: Int
        var sum: Double
        var sumOfSquares: Double

        init(n: Int, sum: Double, sumOfSquares: Double) {
            self.n = n
            self.sum = sum
            self.sumOfSquares = sumOfSquares
        }

        /// NPS answers score 100 (promoter), 0 or −100 (detractor); a share's answers 100 or 0; CES its 1-7 answer.
        init(_ metric: MetricID, _ tally: Tally) {
            switch metric {
            case .nps:
                self.init(n: tally.npsN, sum: 100 * Double(tally.promoters - tally.detractors), sumOfSquares: 10_000 * Double(tally.promoters + tally.detractors))
            case .csat: self.init(n: tally.csatN, sum: 100 * Double(tally.csatTop2), sumOfSquares: 10_000 * Double(tally.csatTop2))
            case .button: self.init(n: tally.buttonN, sum: 100 * Double(tally.buttonPositive), sumOfSquares: 10_000 * Double(tally.buttonPositive))
            case .ces: self.init(n: tally.cesN, sum: Double(tally.cesSum), sumOfSquares: Double(tally.cesSumOfSquares))
            default: preconditionFailure("weak links are judged on NPS, CSAT, CES and positive presses")
            }
        }

        func removing(_ other: Moments) -> Moments {
            Moments(n: n - other.n, sum: sum - other.sum, sumOfSquares: sumOfSquares - other.sumOfSquares)
        }

        var mean: Double { n > 0 ? sum / Double(n) : 0 }
        /// The sample variance (n − 1 in the denominator).
        var variance: Double { n > 1 ? max(0, (sumOfSquares - sum * sum / Double(n)) / Double(n - 1)) : 0 }
    }
}
