import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// Groups come out in the order of their labels, whatever order the codes were first seen in: the ranks a code
/// dictionary keeps follow it as it grows, a missing code ("") comes first, and the sort of packed keys and indexes
/// agrees with a plain sort.
@Suite struct GroupLabellingTests {
    static func fact(location: String?, staff: String, day: Int = 0) -> FeedbackFact {
        FeedbackFact(
            ts: Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 86_400), channel: .terminal, kind: .informative,
            location: location, staff: staff, service: "SV1", nps: 9, csat: 5)
    }

    static func keys(_ table: FeedbackTable, _ groupBy: [GroupDimension], dense: Bool = true) -> [[String]] {
        table.tally(FeedbackQuery(groupBy: groupBy), options: ScanOptions(denseLimit: dense ? 250_000 : 0, parallelism: 1)).groups.map(\.key)
    }

    @Test(arguments: [true, false]) func newCodesTakeTheirPlaceInTheOrder(dense: Bool) {
        var table = FeedbackTable()
        for staff in ["S5", "S30", "S3"] { table.append(Self.fact(location: "L1", staff: staff)) }
        #expect(Self.keys(table, [.staff], dense: dense) == [["S3"], ["S30"], ["S5"]])
        let earlier = table
        for staff in ["S4", "S10", "S1"] { table.append(Self.fact(location: "L1", staff: staff)) }
        #expect(Self.keys(table, [.staff], dense: dense) == [["S1"], ["S10"], ["S3"], ["S30"], ["S4"], ["S5"]])
        #expect(Self.keys(earlier, [.staff], dense: dense) == [["S3"], ["S30"], ["S5"]])
    }

    @Test(arguments: [true, false]) func missingCodesComeFirstThenEachDimensionInTurn(dense: Bool) {
        var table = FeedbackTable()
        for (location, staff, day) in [("L2", "S2", 40), (nil, "S9", 3), ("L10", "S2", 1), ("L2", "S10", 0), (nil, "S1", 2)] as [(String?, String, Int)] {
            table.append(Self.fact(location: location, staff: staff, day: day))
        }
        #expect(Self.keys(table, [.location, .staff], dense: dense) == [["", "S1"], ["", "S9"], ["L10", "S2"], ["L2", "S10"], ["L2", "S2"]])
        #expect(Self.keys(table, [.location, .day], dense: dense)
            == [["", "2026-01-03"], ["", "2026-01-04"], ["L10", "2026-01-02"], ["L2", "2026-01-01"], ["L2", "2026-02-10"]])
    }

    @Test func sortKeysOrderTheEntriesPackedOrNot() {
        // Small keys are sorted packed with their index; a key using the top bits is sorted with a closure.
        #expect(GroupLabelling.order([3, 1, 2, 1]) == [1, 3, 2, 0])
        #expect(GroupLabelling.order([UInt64.max, 0, 1 << 40, 7]) == [1, 3, 2, 0])
        #expect(GroupLabelling.order([]) == [])
    }

    @Test func ranksArePlacedByCountingInTheOrderOfAPlainSort() {
        // Equal ranks keep entry order; ranks far wider than the entries go to the packed sort.
        #expect(GroupLabelling.order(ranks: [3, 1, 2, 1, 0], range: 4) == [4, 1, 3, 2, 0])
        #expect(GroupLabelling.order(ranks: [], range: 1) == [])
        var generator = SystemRandomNumberGenerator()
        for range in [1, 7, 3_000, 1_000_000] {
            let ranks = (0..<2_000).map { _ in Int.random(in: 0..<range, using: &generator) }
            let expected = ranks.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
            #expect(GroupLabelling.order(ranks: ranks, range: range) == expected)
        }
    }
}
