import Testing
@testable import OtklikMetrics

/// ``CodeSet`` (the codes of a distinct count as a list, then a bitmap) against `Set<Int32>`: the same count after
/// adds with repeats, in both forms and across the switch, and after merges of every pair of forms.
@Suite struct CodeSetTests {
    typealias Random = CallEngineEquivalenceTests.Random

    /// `count` codes below `limit` (repeats likely when `limit` is small).
    static func codes(_ count: Int, below limit: Int, seed: UInt64) -> [Int32] {
        var random = Random(state: seed)
        return (0..<count).map { _ in Int32(random.int(limit)) }
    }

    static func set(_ codes: [Int32]) -> CodeSet {
        var set = CodeSet()
        for code in codes { set.add(code) }
        return set
    }

    @Test func countsEachCodeOnce() {
        #expect(CodeSet().isEmpty && CodeSet().count == 0)
        // A few codes up to 1,000,000 stay a list; many below 1,000 become a bitmap; 63, 64 and 0 sit on word edges.
        for (count, limit, seed) in [(1, 5, 1), (40, 1_000_000, 2), (3_000, 1_000, 3), (200, 64, 4), (70_000, 100_000, 5)] as [(Int, Int, UInt64)] {
            let codes = Self.codes(count, below: limit, seed: seed) + [0, 63, 64, 0, 63]
            let set = Self.set(codes)
            #expect(!set.isEmpty)
            #expect(set.count == Set(codes).count, "\(count) codes below \(limit)")
        }
    }

    /// A list counted through a bitmap made for the count (at most 16 words a listed code) and one counted by sorting
    /// (sparser), with repeats, codes on word edges and the largest code last or first, against `Set`.
    @Test func countsAListThroughABitmapOrSorted() {
        for (count, limit, seed) in [(16, 16 * 16 * 64, 21), (15, 100, 22), (1_700, 190_000, 23), (500, 1_000_000, 24), (100, 20_000, 25)]
            as [(Int, Int, UInt64)] {
            for extra: [Int32] in [[0, 63, 64, 127, 128, 0], [Int32(limit - 1)], []] {
                let codes = extra.reversed() + Self.codes(count, below: limit, seed: seed) + extra
                var set = CodeSet()
                for code in codes { set.add(code) }
                #expect(set.count == Set(codes).count, "\(codes.count) codes below \(limit)")
            }
        }
    }

    /// A list with a list (staying one and becoming a bitmap), a list with a bitmap either way, a bitmap with a
    /// shorter and a longer one, and either with an empty set.
    @Test func mergesEveryPairOfForms() {
        let forms: [[Int32]] = [
            [], [7], Self.codes(30, below: 500_000, seed: 11), Self.codes(30, below: 500_000, seed: 12),
            Self.codes(5_000, below: 2_000, seed: 13), Self.codes(20_000, below: 150_000, seed: 14), [1_000_000, 3, 3],
            Self.codes(12_000, below: 400_000, seed: 15),
        ]
        for (i, a) in forms.enumerated() {
            for (j, b) in forms.enumerated() {
                var merged = Self.set(a)
                merged.merge(Self.set(b))
                #expect(merged.count == Set(a + b).count, "forms \(i) and \(j)")
                #expect(merged.isEmpty == (a + b).isEmpty)
                merged.add(2_000_001)
                #expect(merged.count == Set(a + b + [2_000_001]).count, "forms \(i) and \(j), then a code past both")
            }
        }
    }
}
