import Foundation

/// The effect when whole clusters (locations, teams, days) were randomised: each arm's mean is a ratio of sums over
/// its clusters, r = Σs_k/Σm_k, with the delta-method variance Var(r) = Σ(s_k − r·m_k)² / (K(K − 1)·m̄²)
/// (Deng, Knoblich & Lu 2018). The test is t with K_t + K_c − 2 degrees of freedom; with fewer than
/// ``fewClusters`` clusters it is randomisation inference instead: the clusters' arms permuted (every
/// assignment when there are at most 20,000, else 10,000 seeded draws), p = the share of assignments whose
/// |effect| reaches the observed one.
struct ClusterComparison {
    static let fewClusters = 20

    struct Cluster {
        var units: Double
        var sum: Double
    }

    var control: [Cluster]
    var treatment: [Cluster]

    init(observations: [ExperimentObservation], outcomes: [Double]) throws(ExperimentError) {
        var arms: [String: ExperimentObservation.Arm] = [:]
        var clusters: [String: Cluster] = [:]
        var order: [String] = []
        for (observation, outcome) in zip(observations, outcomes) {
            let key = observation.cluster ?? ""
            if let arm = arms[key], arm != observation.arm {
                throw ExperimentError("cluster '\(key)' has units in both arms; a cluster must be randomised as a whole")
            }
            if arms[key] == nil { order.append(key) }
            arms[key] = observation.arm
            clusters[key, default: Cluster(units: 0, sum: 0)].units += 1
            clusters[key]!.sum += outcome
        }
        control = order.filter { arms[$0] == .control }.map { clusters[$0]! }
        treatment = order.filter { arms[$0] == .treatment }.map { clusters[$0]! }
        guard control.count >= 2, treatment.count >= 2 else {
            throw ExperimentError(
                "each arm needs at least two clusters (control \(control.count), treatment \(treatment.count))",
                kind: .tooFew(control: control.count, treatment: treatment.count, clusters: true))
        }
    }

    static func ratio(_ clusters: [Cluster]) -> Double {
        clusters.reduce(0) { $0 + $1.sum } / clusters.reduce(0) { $0 + $1.units }
    }

    static func variance(_ clusters: [Cluster]) -> Double {
        let k = Double(clusters.count)
        let r = ratio(clusters)
        let meanUnits = clusters.reduce(0) { $0 + $1.units } / k
        let squares = clusters.reduce(0) { $0 + pow($1.sum - r * $1.units, 2) }
        return squares / (k * (k - 1) * meanUnits * meanUnits)
    }

    var effect: Double { Self.ratio(treatment) - Self.ratio(control) }
    var variance: Double { Self.variance(treatment) + Self.variance(control) }
    var degreesOfFreedom: Double { Double(control.count + treatment.count - 2) }
    var isFew: Bool { control.count + treatment.count < Self.fewClusters }

    /// Randomisation p-value of |effect|.
    func randomisationP() -> Double {
        let all = control + treatment
        let k = treatment.count, total = all.count
        let observed = abs(effect) - 1e-12
        func difference(_ chosen: [Int]) -> Double {
            let inTreatment = Set(chosen)
            var t: [Cluster] = [], c: [Cluster] = []
            for (index, cluster) in all.enumerated() {
                if inTreatment.contains(index) { t.append(cluster) } else { c.append(cluster) }
            }
            return Self.ratio(t) - Self.ratio(c)
        }
        if binomial(total, k) <= 20_000 {
            var reached = 0, count = 0
            forEachCombination(total, k) { chosen in
                count += 1
                if abs(difference(chosen)) >= observed { reached += 1 }
            }
            return Double(reached) / Double(count)
        }
        var generator = SamplingRandom(seed: 20_241_203)
        var reached = 0
        let draws = 10_000
        for _ in 0..<draws {
            var indices = Array(0..<total)
            for i in 0..<k {
                let j = i + generator.next(below: total - i)
                indices.swapAt(i, j)
            }
            if abs(difference(Array(indices[0..<k]))) >= observed { reached += 1 }
        }
        return Double(reached + 1) / Double(draws + 1)
    }

    private func binomial(_ n: Int, _ k: Int) -> Double {
        exp(lgamma(Double(n) + 1) - lgamma(Double(k) + 1) - lgamma(Double(n - k) + 1))
    }

    private func forEachCombination(_ n: Int, _ k: Int, _ body: ([Int]) -> Void) {
        var chosen = Array(0..<k)
        while true {
            body(chosen)
            var i = k - 1
            while i >= 0 && chosen[i] == n - k + i { i -= 1 }
            if i < 0 { return }
            chosen[i] += 1
            for j in (i + 1)..<k { chosen[j] = chosen[j - 1] + 1 }
        }
    }
}
