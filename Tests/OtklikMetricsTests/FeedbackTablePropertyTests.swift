import Foundation
import OtklikCore
import PropertyBased
import Testing
@testable import OtklikMetrics

/// The engine against the plain reference computation on random tables and random queries: any
/// filters, one or two groupings, any subset of measures, one to three threads, either accumulation
/// path, rows in time order or not.
@Suite struct FeedbackTablePropertyTests {
    /// A query drawn from a seed: each filter present with probability ½, up to two dimensions.
    static func query(seed: UInt64, measures: TallyMeasures) -> FeedbackQuery {
        var state = seed | 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func some<T>(_ values: [T]) -> [T] { values.filter { _ in next(2) == 0 } }
        var query = FeedbackQuery(measures: measures)
        let start = 1_767_225_600.0
        if next(2) == 0 { query.from = Date(timeIntervalSince1970: start + Double(next(100 * 86_400)) + 0.25) }
        if next(2) == 0 { query.to = Date(timeIntervalSince1970: start + Double(100 * 86_400 + next(100 * 86_400))) }
        if next(3) == 0 { query.locations = Set(some(["L0", "L1", "L2", "L3", "L4", "L9"])) }
        if next(4) == 0 { query.regions = Set(some(["R1", "R2", "R9"])) }
        if next(4) == 0 { query.staff = Set(some((0..<12).map { "S\($0)" })) }
        if next(4) == 0 { query.services = Set(some(["SV0", "SV1", "SV2", "SV3"])) }
        if next(3) == 0 { query.channels = Set(some([Channel.button, .terminal, .qrWeb, .email])) }
        if next(4) == 0 { query.kinds = Set(some([FeedbackKind.impulse, .informative])) }
        let dimensions = GroupDimension.allCases
        query.groupBy = Array(Set((0..<next(3)).map { _ in dimensions[next(dimensions.count)] })).sorted { $0.rawValue < $1.rawValue }
        return query
    }

    /// The reference tally with only what the measures ask for (the record count always), field by field.
    static func projected(_ tally: Tally, onto measures: TallyMeasures) -> Tally {
        var result = Tally()
        result.count = tally.count
        let keep = { (measure: TallyMeasures, value: Int) in measures.contains(measure) ? value : 0 }
        result.npsN = keep(.nps, tally.npsN)
        result.promoters = keep(.nps, tally.promoters)
        result.detractors = keep(.nps, tally.detractors)
        result.csatN = keep(.csat, tally.csatN)
        result.csatTop2 = keep(.csat, tally.csatTop2)
        result.cesN = keep(.ces, tally.cesN)
        result.cesSum = keep(.ces, tally.cesSum)
        result.cesSumOfSquares = keep(.ces, tally.cesSumOfSquares)
        result.cesEasy = keep(.ces, tally.cesEasy)
        result.buttonN = keep(.button, tally.buttonN)
        result.buttonPositive = keep(.button, tally.buttonPositive)
        result.buttonNegative = keep(.button, tally.buttonNegative)
        result.rated = keep(.flags, tally.rated)
        result.negative = keep(.flags, tally.negative)
        return result
    }

    @Test func engineAgreesWithReference() async {
        await propertyCheck(
            count: 120,
            input: Gen.int(in: 0...1_500), Gen.uint64(in: 1...UInt64.max), Gen.uint8(in: 0...31), Gen.int(in: 1...3), Gen.bool, Gen.bool
        ) { count, seed, bits, threads, dense, ordered in
            let zone = seed % 2 == 0 ? FeedbackTableTests.utc : FeedbackTableTests.moscow
            var facts = FeedbackTableTests.facts(count: count, seed: seed)
            if ordered { facts.sort { $0.ts < $1.ts } }
            let table = FeedbackTableTests.table(facts, zone: zone)
            let measures = TallyMeasures(rawValue: bits)
            let query = Self.query(seed: seed ^ 0x9E37_79B9, measures: measures)
            let options = ScanOptions(denseLimit: dense ? 250_000 : 0, parallelism: threads, rowsPerThread: 100)
            let result = table.tally(query, options: options)
            let expected = FeedbackTableTests.reference(facts, query, zone: zone).mapValues { Self.projected($0, onto: measures) }
            var overall = Tally()
            for tally in expected.values { overall.merge(tally) }
            if query.groupBy.isEmpty {
                #expect(result.groups.isEmpty)
            } else {
                #expect(Dictionary(uniqueKeysWithValues: result.groups.map { ($0.key, $0.tally) }) == expected, "\(query)")
                let keys = result.groups.map(\.key)
                #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }, "groups in label order: \(query)")
            }
            #expect(result.overall == overall, "\(query)")
        }
    }

    /// A remembered result topped up with the rows appended since equals a scan of everything.
    @Test func cacheTopsUpWithNewRows() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...800), Gen.int(in: 0...400), Gen.uint64(in: 1...UInt64.max), Gen.bool) {
            before, after, seed, ordered in
            var facts = FeedbackTableTests.facts(count: before + after, seed: seed)
            if ordered { facts.sort { $0.ts < $1.ts } }
            var table = FeedbackTableTests.table(Array(facts.prefix(before)))
            let query = Self.query(seed: seed ^ 0x5DEE_CE66, measures: TallyMeasures(rawValue: UInt8(seed % 32)))
            var cache = TallyCache()
            let first = cache.tally(query, in: table)
            #expect(first == table.tally(query))
            for fact in facts.dropFirst(before) { table.append(fact) }
            #expect(cache.tally(query, in: table) == table.tally(query), "\(query)")
            #expect(cache.tally(query, in: table) == table.tally(query))
        }
    }

    @Test func cacheForgetsTheLeastRecentlyUsed() {
        let table = FeedbackTableTests.table(FeedbackTableTests.facts(count: 100, seed: 5))
        var cache = TallyCache(capacity: 2)
        let queries = [GroupDimension.location, .staff, .service].map { FeedbackQuery(groupBy: [$0]) }
        _ = cache.tally(queries[0], in: table)
        _ = cache.tally(queries[1], in: table)
        _ = cache.tally(queries[0], in: table)
        _ = cache.tally(queries[2], in: table)
        #expect(cache.count == 2)
    }
}
