import Testing
@testable import OtklikMetrics

/// Importance-weighted CSI with planned missingness, and SERVQUAL gaps.
@Suite struct CSIAndServqualTests {
    @Test func csiWithoutMissingAnswersEqualsTheItemMeanFormula() throws {
        let answers: [[Double?]] = [[5, 4, 3], [4, 4, 5], [3, 5, 4], [5, 5, 5]]
        let csi = try #require(CSI(answers: answers, weights: [0.5, 0.3, 0.2], scale: 1...5))
        // item means 4.25, 4.5, 4.25 → (0.5·3.25 + 0.3·3.5 + 0.2·3.25)/4·100 = 83.125
        #expect(abs(csi.value - 83.125) < 1e-9)
        #expect(abs(csi.itemMeanCSI - 83.125) < 1e-9)
        #expect(csi.n == 4)
        let interval = try #require(csi.interval)
        #expect(interval.low < 83.125 && interval.high > 83.125)
    }

    @Test func missingItemsRenormaliseTheWeights() throws {
        // respondent 1 answered items 1 and 2 only: (0.5·100 + 0.3·50)/0.8 = 81.25; respondent 2 item 3 only: 0
        let csi = try #require(CSI(answers: [[5, 3, nil], [nil, nil, 1], [nil, nil, nil]], weights: [5, 3, 2], scale: 1...5))
        #expect(csi.n == 2)
        #expect(abs(csi.value - (81.25 + 0) / 2) < 1e-9)
        #expect(csi.itemN == [1, 1, 1])
    }

    @Test func servqualGapsByDimension() throws {
        let items = [(name: "t1", dimension: "tangibles"), (name: "t2", dimension: "tangibles"), (name: "r1", dimension: "reliability")]
        let expectations: [[Double?]] = [[6, 7, 7], [6, 5, 7]]
        let perceptions: [[Double?]] = [[5, 6, 4], [5, nil, 6]]
        let plain = try #require(Servqual(items: items, expectations: expectations, perceptions: perceptions))
        // t1: 5 − 6 = −1; t2 (one pair): 6 − 7 = −1; r1: 5 − 7 = −2
        #expect(plain.dimensions.map(\.gap) == [-1, -2])
        #expect(plain.items[1].n == 1)
        #expect(abs(plain.overallGap - -1.5) < 1e-12)
        let weighted = try #require(Servqual(items: items, expectations: expectations, perceptions: perceptions, points: ["tangibles": 25, "reliability": 75]))
        #expect(abs(weighted.overallGap - -1.75) < 1e-12)
    }
}
