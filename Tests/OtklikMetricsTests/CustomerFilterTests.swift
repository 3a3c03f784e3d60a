import Foundation
import OtklikClickHouse
import OtklikCore
import OtklikMetrics
import PropertyBased
import Testing

/// The engine's customer filter (``FeedbackQuery/customers``, a segment's members; issue 18 item 7): hand-computed on the
/// contract suite's eight records, and on random tables and queries — with the time, code and customer filters together,
/// grouped on dense and sparse paths, the day rollups present, appends between queries — equal to the reference
/// computation. ClickHouse's facts carry no customer: it refuses the filter rather than ignore it.
@Suite struct CustomerFilterTests {
    /// The contract suite's records with customers: A left records 0, 1 and 3, B records 2 and 4, C record 7; the
    /// presses are anonymous.
    static var facts: [FeedbackFact] {
        var facts = FeedbackBackendContractTests.handFacts
        for (index, customer) in [(0, "A"), (1, "A"), (2, "B"), (3, "A"), (4, "B"), (7, "C")] { facts[index].customer = customer }
        return facts
    }

    @Test(arguments: FeedbackBackendKind.allCases)
    func handComputedSlices(_ kind: FeedbackBackendKind) async throws {
        let backend = kind.make(FeedbackBackendContractTests.moscow)
        try await backend.append(Self.facts)
        if kind == .clickhouse {
            await #expect(throws: ClickHouseError.customerFilter) { _ = try await backend.tally(FeedbackQuery(customers: ["A"])) }
            return
        }
        // A: NPS 10, 9, 0 → P 2, D 1, n 3; CSAT 5, 4, 1 → 2 of 3.
        let a = try await backend.tally(FeedbackQuery(customers: ["A"])).overall
        #expect(a.count == 3 && a.npsN == 3 && a.promoters == 2 && a.detractors == 1 && a.csatN == 3 && a.csatTop2 == 2)
        // A and B by location: L1 records 0, 1, 2; L2 records 3, 4.
        let ab = try await backend.tally(FeedbackQuery(customers: ["A", "B"], groupBy: [.location]))
        #expect(FeedbackBackendContractTests.counts(ab) == ["L1": 3, "L2": 2] && ab.overall.count == 5)
        // With another filter: A and B at L2 on the terminal channel — none (their L2 records are QR).
        #expect(try await backend.tally(FeedbackQuery(locations: ["L2"], channels: [.terminal], customers: ["A", "B"])).overall.count == 0)
        // Nobody, or a customer the engine never saw: nothing; no filter: all eight.
        #expect(try await backend.tally(FeedbackQuery(customers: [])).overall.count == 0)
        #expect(try await backend.tally(FeedbackQuery(customers: ["Z"])).overall.count == 0)
        #expect(try await backend.tally(FeedbackQuery()).overall.count == 8)
        // Whole Moscow days (the rollups' case): C's record on 9 March only.
        let day = FeedbackQuery(
            from: FeedbackBackendContractTests.at("2026-03-08T21:00:00Z"), to: FeedbackBackendContractTests.at("2026-03-09T21:00:00Z"),
            customers: ["C", "A"], groupBy: [.day])
        #expect(FeedbackBackendContractTests.counts(try await backend.tally(day)) == ["2026-03-09": 1])
    }

    /// Random customers on random facts; random customer sets over random queries.
    @Test func columnarAgreesWithTheReference() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...900), Gen.uint64(in: 1...UInt64.max), Gen.uint8(in: 0...31)) { count, seed, bits in
            var state = seed
            func next(_ bound: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(bound))
            }
            var facts = FeedbackTableTests.facts(count: count, seed: seed)
            for index in facts.indices where next(5) > 0 { facts[index].customer = "K\(next(40))" }
            let measures = TallyMeasures(rawValue: bits)
            let queries = (0..<4).map { number -> FeedbackQuery in
                var query = FeedbackTablePropertyTests.query(seed: seed &+ UInt64(number) &* 0x9E37_79B9, measures: measures)
                // Sets of 0 to 40 customers, one never seen; the last query is a plain one beside them (the cache keeps both).
                if number < 3 { query.customers = Set((0..<next(41)).map { _ in "K\(next(45))" }) }
                return query
            }
            let backend = ColumnarFeedbackBackend(timeZone: FeedbackTableTests.utc)
            let reference = ReferenceFeedbackBackend(timeZone: FeedbackTableTests.utc)
            for (location, region) in FeedbackTableTests.regionOf {
                await backend.setRegion(region, ofLocation: location)
                await reference.setRegion(region, ofLocation: location)
            }
            for stretch in [facts.prefix(count / 2), facts.dropFirst(count / 2)] {
                await backend.append(Array(stretch))
                await reference.append(Array(stretch))
                let answers = await backend.tally(queries)
                let expected = await reference.tally(queries)
                for (answer, truth) in zip(answers, expected) {
                    #expect(answer.projected(onto: measures) == truth.projected(onto: measures), "\(queries)")
                }
            }
        }
    }
}
