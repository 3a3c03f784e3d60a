import Foundation
import OtklikCore
@testable import OtklikMetrics
import PropertyBased
import Testing

/// A grouping by location and staff member while every staff member's rows are at one location (``StaffPlacement``):
/// counted in one dense pass keyed by each member's rank at their location — hand-computed on six records, equal to the
/// reference computation on random tables, filters and measures (both orders of the two dimensions, appends and the
/// query cache between), and back on the hash-map scan, with the same answers, once a member has rows at two locations.
@Suite struct StaffPlacementTests {
    /// Random facts whose staff member belongs to the record's location ("SL2-1" works at "L2"); a tenth of the placed
    /// records have no staff member, and the records with no location have staff of their own ("SN0"…) or none.
    static func placedFacts(count: Int, seed: UInt64) -> [FeedbackFact] {
        var facts = FeedbackTableTests.facts(count: count, seed: seed)
        var state = seed | 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for index in facts.indices {
            if let location = facts[index].location {
                facts[index].staff = next(10) == 0 ? nil : "S\(location)-\(next(4))"
            } else {
                facts[index].staff = next(3) == 0 ? nil : "SN\(next(3))"
            }
        }
        return facts
    }

    static func fact(_ location: String?, _ staff: String?, nps: Int) -> FeedbackFact {
        FeedbackFact(
            ts: Date(timeIntervalSince1970: 1_767_225_600), channel: .terminal, kind: .informative, location: location, staff: staff,
            service: "SV1", nps: nps)
    }

    static func counts(_ tallies: GroupedTallies) -> [[String]: Int] {
        Dictionary(uniqueKeysWithValues: tallies.groups.map { ($0.key, $0.tally.count) })
    }

    @Test func handComputedRanksAndGroups() throws {
        // Staff ids A 0, B 1, C 2, D 3; locations L1 0, L2 1.
        var table = FeedbackTable()
        for fact in [
            Self.fact("L1", "A", nps: 10), Self.fact("L1", "B", nps: 0), Self.fact("L2", "C", nps: 9), Self.fact(nil, "D", nps: 5),
            Self.fact("L1", "A", nps: 9), Self.fact("L2", nil, nps: 3),
        ] { table.append(fact) }
        let ranks = try #require(table.placement.ranks(locationCount: table.locations.count))
        // By staff id + 1: no staff 0; A first and B second at L1; C first at L2; D first among those with no location.
        #expect(ranks.lookup == [0, 1, 2, 1, 1])
        #expect(ranks.count == 3)
        #expect(ranks.staffAt == [[3], [0, 1], [2]])
        let query = FeedbackQuery(groupBy: [.location, .staff], measures: .nps)
        #expect(table.placedTally(query, filter: CompiledFilter(query: query, table: table), rows: 0..<table.count, options: .default) != nil)
        let expected: [[String]: Int] = [["L1", "A"]: 2, ["L1", "B"]: 1, ["L2", "C"]: 1, ["", "D"]: 1, ["L2", ""]: 1]
        let byPair = table.tally(query)
        #expect(Self.counts(byPair) == expected)
        let a = byPair.groups.first { $0.key == ["L1", "A"] }?.tally
        #expect(a?.promoters == 2 && a?.npsN == 2 && a?.detractors == 0)
        #expect(Self.counts(table.tally(FeedbackQuery(groupBy: [.staff, .location]))) == Dictionary(
            uniqueKeysWithValues: expected.map { ([$0.key[1], $0.key[0]], $0.value) }))

        // A now has a record at L2 too: the hash-map scan answers, with A at both.
        table.append(Self.fact("L2", "A", nps: 1))
        #expect(table.placement.ranks(locationCount: table.locations.count) == nil)
        #expect(table.placedTally(query, filter: CompiledFilter(query: query, table: table), rows: 0..<table.count, options: .default) == nil)
        var moved = expected
        moved[["L2", "A"]] = 1
        #expect(Self.counts(table.tally(query)) == moved)
    }

    @Test func engineAgreesWithReference() async {
        await propertyCheck(
            count: 100, input: Gen.int(in: 0...1_500), Gen.uint64(in: 1...UInt64.max), Gen.uint8(in: 0...31), Gen.int(in: 1...3), Gen.bool
        ) { count, seed, bits, threads, staffFirst in
            let zone = seed % 2 == 0 ? FeedbackTableTests.utc : FeedbackTableTests.moscow
            let facts = Self.placedFacts(count: count, seed: seed)
            let half = count / 2
            var table = FeedbackTableTests.table(Array(facts.prefix(half)), zone: zone)
            let measures = TallyMeasures(rawValue: bits)
            var query = FeedbackTablePropertyTests.query(seed: seed ^ 0x9E37_79B9, measures: measures)
            query.staff = Set(query.staff.map { code in
                let n = Int(code.dropFirst()) ?? 0
                return "SL\(n % 5)-\(n % 4)"
            })
            query.groupBy = staffFirst ? [.staff, .location] : [.location, .staff]
            let options = ScanOptions(denseLimit: 250_000, parallelism: threads, rowsPerThread: 100)
            var cache = TallyCache()
            _ = cache.tally(query, in: table, options: options)
            for fact in facts.dropFirst(half) { table.append(fact) }
            #expect(table.placement.ranks(locationCount: table.locations.count) != nil)
            #expect(table.placedTally(query, filter: CompiledFilter(query: query, table: table), rows: 0..<table.count, options: options) != nil)
            let expected = FeedbackTableTests.reference(facts, query, zone: zone).mapValues { FeedbackTablePropertyTests.projected($0, onto: measures) }
            var overall = Tally()
            for tally in expected.values { overall.merge(tally) }
            for (result, path) in [(table.tally(query, options: options), "scan"), (cache.tally(query, in: table, options: options), "cache")] {
                #expect(Dictionary(uniqueKeysWithValues: result.groups.map { ($0.key, $0.tally) }) == expected, "\(path) \(query)")
                let keys = result.groups.map(\.key)
                #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }, "groups in label order: \(path) \(query)")
                #expect(result.overall == overall, "\(path) \(query)")
            }
        }
    }

    /// A table read back from a snapshot knows each staff member's location as the table written did.
    @Test func aSnapshotKeepsThePlacement() throws {
        let placed = FeedbackTableTests.table(Self.placedFacts(count: 2_000, seed: 5))
        var moved = placed
        moved.append(Self.fact("L1", "SL2-0", nps: 7))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-placement-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        for (written, hasMoved) in [(placed, false), (moved, true)] {
            try EngineSnapshot(stamp: EngineSnapshotTests.stamp, feedback: written, calls: CallTable(timeZone: FeedbackTableTests.utc)).write(to: url)
            let read = try #require(try EngineSnapshot.read(from: url).feedback)
            #expect(read.placement == written.placement)
            #expect((read.placement.ranks(locationCount: read.locations.count) == nil) == hasMoved)
        }
    }
}
