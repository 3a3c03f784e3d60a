import Foundation
import Testing
@testable import OtklikMetrics

/// The weak-link test: a group against its peers in the metric's own unit, Welch standard error, one-sided,
/// Benjamini-Hochberg, and a minimum gap (numbers checked with a short Python script, see each comment).
@Suite struct WeakLinkTestTests {
    static func csat(_ top2: Int, of n: Int) -> Tally {
        var tally = Tally()
        tally.csatN = n
        tally.csatTop2 = top2
        return tally
    }

    static func nps(promoters: Int, detractors: Int, n: Int) -> Tally {
        var tally = Tally()
        tally.npsN = n
        tally.promoters = promoters
        tally.detractors = detractors
        return tally
    }

    static func ces(_ answers: [Int]) -> Tally {
        var tally = Tally()
        for answer in answers { tally.add(nps: -1, csat: -1, ces: Int8(answer), button: 0) }
        return tally
    }

    @Test func handComputedShareGapInPercentagePoints() throws {
        // A: CSAT 60/100; peers B + C: 320/400. gap = 60 − 80 = −20 pp; sample variances 10⁴·s(n−s)/(n(n−1)):
        // SE = √(2424.24/100 + 1604.01/400) = 5.3153; z = −3.7627; p = Φ(z) = 8.40e-5 (Python: math.erf).
        let findings = WeakLinkTest.run(
            [.init(key: "A", tally: Self.csat(60, of: 100)), .init(key: "B", tally: Self.csat(160, of: 200)), .init(key: "C", tally: Self.csat(160, of: 200))],
            metrics: [.csat], minimumN: 30)
        let a = try #require(findings.first { $0.key == "A" })
        #expect(abs(a.gap - -20) < 1e-9)
        #expect(abs(a.peerValue - 80) < 1e-9 && a.peerN == 400)
        #expect(abs(a.z - -3.7627) < 1e-4)
        #expect(abs(a.p - 8.40e-5) < 0.01e-5)
        #expect(a.flagged)
        #expect(findings.filter(\.flagged).map(\.key) == ["A"])
    }

    @Test func handComputedNPSGapInPoints() throws {
        // A: 30 promoters, 40 detractors of 100 (NPS −10); peers: 200 and 60 of 400 (NPS 35). gap = −45 points;
        // SE = 9.1059, z = −4.9418, p = 3.87e-7.
        let findings = WeakLinkTest.run(
            [.init(key: "A", tally: Self.nps(promoters: 30, detractors: 40, n: 100)), .init(key: "B", tally: Self.nps(promoters: 200, detractors: 60, n: 400))],
            metrics: [.nps], minimumN: 30)
        let a = try #require(findings.first { $0.key == "A" })
        #expect(abs(a.gap - -45) < 1e-9)
        #expect(abs(a.z - -4.9418) < 1e-4)
        #expect(abs(a.p - 3.87e-7) < 0.01e-7)
        #expect(a.flagged)
        let b = try #require(findings.first { $0.key == "B" })
        #expect(b.gap > 0 && !b.flagged)
    }

    @Test func aSignificantButSmallGapIsNotAWeakLink() throws {
        // CES 5.0 against 5.2 over thousands of answers: significant, but 0.2 < 0.3 CES points.
        let low = Self.ces(Array(repeating: 4, count: 2_000) + Array(repeating: 6, count: 2_000))
        let high = Self.ces(Array(repeating: 4, count: 1_600) + Array(repeating: 6, count: 2_400))
        let findings = WeakLinkTest.run([.init(key: "low", tally: low), .init(key: "high", tally: high)], metrics: [.ces], minimumN: 30)
        let found = try #require(findings.first { $0.key == "low" })
        #expect(abs(found.gap - -0.2) < 1e-9)
        #expect(found.q < 0.001)
        #expect(!found.flagged)
        // 0.4 points behind is flagged.
        let lower = Self.ces(Array(repeating: 4, count: 2_400) + Array(repeating: 6, count: 1_600))
        let again = WeakLinkTest.run([.init(key: "lower", tally: lower), .init(key: "high", tally: high)], metrics: [.ces], minimumN: 30)
        #expect(again.first { $0.key == "lower" }?.flagged == true)
    }

    @Test func peersAreTheOthersOfTheSamePeerSet() throws {
        // Two offices: X's staff all at 60 %, Y's staff at 80 %. Compared within their office nobody stands out;
        // compared with everybody X's staff would all be flagged.
        var candidates: [WeakLinkTest.Candidate] = []
        for index in 0..<4 {
            candidates.append(.init(key: "x\(index)", peerSet: "X", tally: Self.csat(120, of: 200)))
            candidates.append(.init(key: "y\(index)", peerSet: "Y", tally: Self.csat(160, of: 200)))
        }
        #expect(WeakLinkTest.run(candidates, metrics: [.csat], minimumN: 30).filter(\.flagged).isEmpty)
        let pooled = candidates.map { WeakLinkTest.Candidate(key: $0.key, tally: $0.tally) }
        #expect(Set(WeakLinkTest.run(pooled, metrics: [.csat], minimumN: 30).filter(\.flagged).map(\.key)) == ["x0", "x1", "x2", "x3"])
    }

    @Test func smallGroupsAreNotTested() {
        let findings = WeakLinkTest.run(
            [.init(key: "tiny", tally: Self.csat(0, of: 20)), .init(key: "big", tally: Self.csat(400, of: 500))], metrics: [.csat], minimumN: 30)
        #expect(!findings.contains { $0.key == "tiny" })
    }

    @Test func minimumGaps() {
        #expect(WeakLinkTest.minimumGap(.nps) == 5)
        #expect(WeakLinkTest.minimumGap(.csat) == 5)
        #expect(WeakLinkTest.minimumGap(.button) == 5)
        #expect(WeakLinkTest.minimumGap(.ces) == 0.3)
    }
}
