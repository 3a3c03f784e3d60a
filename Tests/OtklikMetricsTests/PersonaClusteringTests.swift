import Foundation
import OtklikCore
@testable import OtklikMetrics
import Testing

/// Personas' pieces: the adjusted Rand index on hand-computed cases, k-means recovering well-separated groups, k chosen
/// by stability, the persona cards' words and hidden figures, and the standardisation, k-means optimum and ARI against
/// `scripts/reference/kmeans_personas.py` (NumPy, SciPy) when python3 with them is present.
@Suite struct PersonaClusteringTests {
    @Test func adjustedRandIndexOnHandComputedCases() {
        // The same partition under other names: 1.
        #expect(AdjustedRandIndex.score([0, 0, 1, 1, 2], [5, 5, 3, 3, 9]) == 1)
        // [0,0,1,1] vs [0,0,1,2]: index 1, expected 2·1/6, max 3/2 → (1 − 1/3)/(3/2 − 1/3) = 4/7.
        #expect(abs(AdjustedRandIndex.score([0, 0, 1, 1], [0, 0, 1, 2]) - 4.0 / 7.0) < 1e-12)
        // [0,0,0,1,1,1] vs [0,0,1,1,2,2]: index 2, expected 6·3/15 = 1.2, max 4.5 → 0.8/3.3.
        #expect(abs(AdjustedRandIndex.score([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2]) - 0.8 / 3.3) < 1e-12)
        // Crossed halves: index 0, expected 2/3, max 2 → −0.5, below chance.
        #expect(abs(AdjustedRandIndex.score([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-12)
        // Both one cluster: 1, as scikit-learn.
        #expect(AdjustedRandIndex.score([0, 0, 0], [1, 1, 1]) == 1)
    }

    /// Four groups of 30 points at the corners of a square of side 10, jittered by at most ±1, in a fixed order: two
    /// clusters split the square across or along at random (unstable), four find the corners (stable).
    static func blobs() -> (points: [[Double]], truth: [Int]) {
        var points: [[Double]] = [], truth: [Int] = []
        let centres = [[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [10.0, 10.0]]
        for i in 0..<120 {
            let group = i % 4
            let dx = Double((i * 37) % 21 - 10) / 10, dy = Double((i * 53) % 21 - 10) / 10
            points.append([centres[group][0] + dx, centres[group][1] + dy])
            truth.append(group)
        }
        return (points, truth)
    }

    @Test func kMeansRecoversSeparatedGroupsAndStabilityChoosesFour() {
        let (points, truth) = Self.blobs()
        let model = KMeans.fit(points, k: 4, seed: 1)
        #expect(AdjustedRandIndex.score(model.labels, truth) == 1)
        #expect(KMeans.fit(points, k: 4, seed: 1) == model, "the same seed gives the same clustering")
        let stability = ClusterStability.choose(points, ks: 2...6, pairs: 8, seed: 7)
        #expect(stability.chosen == 4, "\(stability.candidates.map { ($0.k, $0.meanARI) })")
        let four = stability.candidates.first { $0.k == 4 }!.meanARI
        #expect(four > 0.99)
        #expect(stability.candidates.filter { $0.k != 4 }.allSatisfy { $0.meanARI < four })
    }

    static func profiles() -> [CustomerProfile] {
        // 40 frequent big spenders without complaints, 40 rare small spenders who complained recently.
        (0..<80).map { i in
            var p = CustomerProfile(customer: String(format: "C%03d", i))
            let loyal = i < 40
            p.purchases = loyal ? 10 + i % 3 : 1 + i % 2
            p.monetary = loyal ? 20_000 + Double(i * 10) : 1_000 + Double(i)
            p.tenureDays = 300
            p.recencyDays = loyal ? Double(10 + i % 5) : Double(150 + i % 7)
            p.complaints = loyal ? 0 : 1
            p.complaintDays = loyal ? nil : 30
            p.npsAnswers = 1
            p.latestNPS = loyal ? 10 : 2
            p.npsPromoters = loyal ? 1 : 0
            p.npsDetractors = loyal ? 0 : 1
            if !loyal && i % 4 == 0 { p.cesCount = 1; p.cesSum = 6; p.cesSumOfSquares = 36 }
            return p
        }
    }

    @Test func personaCardsWordTheCentreAndHideSmallGroups() throws {
        let themes = Dictionary(uniqueKeysWithValues: (40..<80).map { (String(format: "C%03d", $0), [["waiting"], ["waiting", "staff"]]) })
        let result = try PersonaAnalysis.analyse(Self.profiles(), themes: themes, themeNames: ["waiting": "Waiting"], choice: .fixed(2), lang: "en")
        #expect(result.k == 2 && result.chosenBy == "given" && result.customers == 80)
        let unhappy = try #require(result.personas.first { $0.members.contains("C050") })
        #expect(unhappy.size == 40 && unhappy.members.allSatisfy { $0 >= "C040" })
        #expect(unhappy.words.contains("recent complaint"), "\(unhappy.words)")
        #expect(unhappy.themes.first == PersonaAnalysis.ThemeCount(code: "waiting", name: "Waiting", comments: 80))
        // All 40 detractors: NPS −100 with n = 40.
        #expect(unhappy.figures.nps?.value == -100 && unhappy.figures.nps?.n == 40)
        let loyal = try #require(result.personas.first { $0.members.contains("C001") })
        #expect(loyal.words.contains { $0.hasPrefix("buys every") }, "\(loyal.words)")
        #expect(loyal.figures.nps?.value == 100)
        // Under the minimum size the figures are not shown at all.
        let hidden = try PersonaAnalysis.analyse(Self.profiles(), choice: .fixed(2), minimumSize: 41)
        #expect(hidden.personas.allSatisfy { !$0.figures.shown && $0.figures.nps == nil && $0.figures.ces == nil })
        #expect(throws: OtklikError.self) { try PersonaAnalysis.analyse(Self.profiles(), choice: .fixed(9)) }
        #expect(throws: OtklikError.self) { try PersonaAnalysis.analyse(Array(Self.profiles().prefix(5))) }
    }

    @Test func segmentFiguresByHand() {
        var profiles = Self.profiles()
        profiles[0].csatCount = 4
        profiles[0].csatTop2 = 3
        let figures = FeedbackFigures.compute(profiles)
        // 40 promoters, 40 detractors of 80 answers: NPS 0.
        #expect(figures.nps?.value == 0 && figures.nps?.n == 80)
        #expect(figures.csat?.value == 75 && figures.csat?.n == 4)
        // 10 CES answers, all 6: mean 6; the t interval has zero width.
        #expect(figures.ces?.value == 6 && figures.ces?.n == 10 && figures.ces?.low == 6)
        let few = FeedbackFigures.compute(Array(profiles.prefix(29)))
        #expect(!few.shown && few.customers == 29 && few.nps == nil)
    }

    @Test(.enabled(if: ChurnModelTests.hasSciPy, "python3 with scipy and numpy is absent: pip install scipy numpy"))
    func standardisationKMeansAndARIMatchNumPy() throws {
        let raw = Self.profiles().map(PersonaAnalysis.raw)
        let z = PersonaAnalysis.standardise(raw)
        let model = KMeans.fit(z, k: 3, seed: 11)
        let (points, truth) = Self.blobs()
        let pairs: [[[Int]]] = [
            [KMeans.fit(points, k: 4, seed: 2).labels, truth], [KMeans.fit(points, k: 3, seed: 3).labels, truth],
            [KMeans.fit(points, k: 2, seed: 4).labels, KMeans.fit(points, k: 5, seed: 5).labels],
        ]
        let input = try JSONSerialization.data(withJSONObject: [
            "raw": raw.map { row in row.map { value -> Any in value.map { $0 as Any } ?? NSNull() } }, "labels": model.labels, "centroids": model.centroids, "k": 3, "pairs": pairs,
        ])
        let run = try ChurnModelTests.python(["scripts/reference/kmeans_personas.py"], input: input)
        #expect(run.status == 0, "\(run.stderr)")
        let reference = try #require(JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let referenceZ = try #require(reference["z"] as? [[Double]])
        for (row, expected) in zip(z, referenceZ) { for (a, b) in zip(row, expected) { #expect(abs(a - b) < 1e-9) } }
        #expect(reference["fixed_point"] as? Bool == true)
        let inertia = try #require(reference["inertia"] as? Double), best = try #require(reference["best_inertia"] as? Double)
        #expect(abs(model.inertia - inertia) < 1e-6 * max(1, inertia), "\(model.inertia) vs \(inertia)")
        #expect(model.inertia <= best * 1.01 + 1e-9, "k-means++ with restarts is within 1 % of the best of 50 NumPy runs: \(model.inertia) vs \(best)")
        let ari = try #require(reference["ari"] as? [Double])
        for (pair, expected) in zip(pairs, ari) { #expect(abs(AdjustedRandIndex.score(pair[0], pair[1]) - expected) < 1e-12) }
    }
}
