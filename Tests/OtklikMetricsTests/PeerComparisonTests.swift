import Foundation
import Testing
@testable import OtklikMetrics

/// The weak-link test: a group against all its peers, one-sided, Benjamini-Hochberg adjusted.
@Suite struct PeerComparisonTests {
    @Test func handComputedTwoProportionTest() throws {
        // A: 30 negative of 100; peers B + C: 20 of 200. Pooled 50/300; SE = sqrt(1/6·5/6·(1/100 + 1/200)) = 0.045644;
        // z = (0.30 − 0.10)/0.045644 = 4.3818; one-sided p = 5.89e-6.
        let results = PeerComparison.worseThanPeers(
            [.init(key: "A", successes: 30, n: 100), .init(key: "B", successes: 10, n: 100), .init(key: "C", successes: 10, n: 100)], minimumN: 30)
        let a = try #require(results.first { $0.key == "A" })
        #expect(abs(a.z - 0.2 / (1.0 / 6 * 5.0 / 6 * 0.015).squareRoot()) < 1e-9)
        #expect(abs(a.p - 5.89e-6) < 0.05e-6)
        #expect(a.flagged)
        #expect(abs(a.peerShare - 0.1) < 1e-12 && a.peerN == 200)
        // B: 10/100 against 40/200: z negative, p > 0.5, never flagged.
        let b = try #require(results.first { $0.key == "B" })
        #expect(b.z < 0 && b.p > 0.5 && !b.flagged)
    }

    @Test func aBorderlineGroupIsNotFlagged() {
        let alone = PeerComparison.worseThanPeers([.init(key: "X", successes: 18, n: 100), .init(key: "Y", successes: 10, n: 100)], minimumN: 1)
        let x = alone.first { $0.key == "X" }!
        // z = 0.08/sqrt(0.14·0.86·0.02) = 1.6303, p = 0.0515: above 5 % before any adjustment.
        #expect(abs(x.p - 0.0515) < 0.001)
        #expect(!x.flagged)
        #expect(x.q >= x.p)
    }

    @Test func benjaminiHochbergAdjustsForMany() {
        // Ten equal groups and one worse: the worse one's q is its p times the number tested over its rank (1).
        var groups = (0..<10).map { PeerComparison.Group(key: "G\($0)", successes: 10, n: 100) }
        groups.append(.init(key: "W", successes: 22, n: 100))
        let results = PeerComparison.worseThanPeers(groups, minimumN: 30)
        let w = results.first { $0.key == "W" }!
        #expect(abs(w.q - min(1, w.p * 11)) < 1e-12)
        #expect(w.flagged)
        #expect(results.filter(\.flagged).map(\.key) == ["W"])
    }

    @Test func groupsBelowTheMinimumAreNotTested() {
        let results = PeerComparison.worseThanPeers(
            [.init(key: "tiny", successes: 5, n: 5), .init(key: "big", successes: 10, n: 500)], minimumN: 30)
        #expect(results.map(\.key) == ["big"])
    }

    @Test func negativeShareCountsRecordsNotAnswers() {
        var tally = Tally()
        tally.add(nps: 3, csat: 5, ces: -1, button: 0)  // NPS detractor: negative
        tally.add(nps: -1, csat: 2, ces: -1, button: 0)  // CSAT 2: negative
        tally.add(nps: 10, csat: 1, ces: -1, button: 0)  // one record, two ratings, one negative record
        tally.add(nps: -1, csat: -1, ces: -1, button: 1)  // positive press
        tally.add(nps: -1, csat: -1, ces: 6, button: 0)  // CES only: not rated
        #expect(tally.rated == 4 && tally.negative == 3)
        #expect(tally.evaluate(.negative).value == 75)
    }
}
