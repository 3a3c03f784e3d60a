import Foundation
import OtklikCore
import PropertyBased
import Testing
@testable import OtklikMetrics

/// Per-day rollups against the plain reference: whole-day queries that a rollup answers must give
/// exactly what reading the rows gives, whether the rollups were built from held rows or kept up
/// as rows arrived, in zones with and without clock changes (Berlin; Santiago, whose clocks go
/// back from midnight to 23:00).
@Suite struct DayRollupTests {
    static let zones = [FeedbackTableTests.utc, FeedbackTableTests.moscow, TimeZone(identifier: "Europe/Berlin")!, TimeZone(identifier: "America/Santiago")!]
    static let rolled: [GroupDimension] = [.location, .staff, .service, .channel, .kind]

    /// A query shaped for a rollup: whole days (mostly), filters and groups on one dimension or time.
    static func query(seed: UInt64, zone: TimeZone) -> FeedbackQuery {
        var state = seed | 1
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        func some<T>(_ values: [T]) -> [T] { values.filter { _ in next(2) == 0 } }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        func midnight(_ days: Int) -> Date { calendar.startOfDay(for: start.addingTimeInterval(Double(days) * 86_400 + 43_200)) }
        var query = FeedbackQuery(measures: TallyMeasures(rawValue: UInt8(next(32))))
        switch next(4) {
        case 0: break
        case 1: query.from = midnight(next(100)); query.to = midnight(100 + next(100))
        case 2: query.from = midnight(next(200))
        default: query.from = midnight(next(100)).addingTimeInterval(Double(next(3) * 3600)); query.to = midnight(100 + next(100))
        }
        let dimension = rolled[next(rolled.count)]
        if next(2) == 0 {
            switch dimension {
            case .location: if next(2) == 0 { query.locations = Set(some(["L0", "L1", "L2", "L4", "L9"])) } else { query.regions = Set(some(["R1", "R2"])) }
            case .staff: query.staff = Set(some((0..<12).map { "S\($0)" }))
            case .service: query.services = Set(some(["SV0", "SV1", "SV3"]))
            case .channel: query.channels = Set(some([Channel.button, .terminal, .email]))
            default: query.kinds = Set(some([FeedbackKind.impulse, .informative]))
            }
        }
        var groups: [GroupDimension] = [dimension, .day, .week, .month] + (dimension == .location ? [.region] : [])
        var chosen: [GroupDimension] = []
        for _ in 0..<next(3) where !groups.isEmpty { chosen.append(groups.remove(at: next(groups.count))) }
        query.groupBy = chosen
        return query
    }

    static func table(_ facts: [FeedbackFact], zone: TimeZone, rollupsFirst: Bool) -> FeedbackTable {
        var table = FeedbackTable(timeZone: zone)
        for (location, region) in FeedbackTableTests.regionOf { table.setRegion(region, ofLocation: location) }
        if rollupsFirst { for dimension in rolled { table.addRollup(dimension, measures: .all) } }
        for fact in facts { table.append(fact) }
        if !rollupsFirst { for dimension in rolled { table.addRollup(dimension, measures: .all) } }
        return table
    }

    @Test func rollupsAgreeWithReference() async {
        let answered = Counter()
        await propertyCheck(count: 160, input: Gen.int(in: 0...1_200), Gen.uint64(in: 1...UInt64.max), Gen.bool, Gen.bool) {
            count, seed, rollupsFirst, ordered in
            let zone = Self.zones[Int(seed % UInt64(Self.zones.count))]
            var facts = FeedbackTableTests.facts(count: count, seed: seed)
            if ordered { facts.sort { $0.ts < $1.ts } }
            let table = Self.table(facts, zone: zone, rollupsFirst: rollupsFirst)
            let query = Self.query(seed: seed ^ 0xA5A5_5A5A, zone: zone)
            if table.rollupTally(query, filter: CompiledFilter(query: query, table: table)) != nil { answered.add() }
            let result = table.tally(query)
            let expected = FeedbackTableTests.reference(facts, query, zone: zone).mapValues {
                FeedbackTablePropertyTests.projected($0, onto: query.measures)
            }
            var overall = Tally()
            for tally in expected.values { overall.merge(tally) }
            if !query.groupBy.isEmpty {
                #expect(Dictionary(uniqueKeysWithValues: result.groups.map { ($0.key, $0.tally) }) == expected, "\(zone.identifier) \(query)")
            }
            #expect(result.overall == overall, "\(zone.identifier) \(query)")
        }
        // The checks above must have gone through the rollups often, not only through the rows.
        #expect(answered.value >= 40, "rollups answered only \(answered.value) queries")
    }

    @Test func partDaysAndOtherDimensionsAreNotAnswered() {
        let zone = FeedbackTableTests.moscow
        let table = Self.table(FeedbackTableTests.facts(count: 500, seed: 11), zone: zone, rollupsFirst: false)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let midnight = calendar.startOfDay(for: Date(timeIntervalSince1970: 1_768_000_000))
        func answers(_ query: FeedbackQuery) -> Bool { table.rollupTally(query, filter: CompiledFilter(query: query, table: table)) != nil }
        #expect(answers(FeedbackQuery(from: midnight, groupBy: [.location, .week])))
        #expect(answers(FeedbackQuery(regions: ["R1"], groupBy: [.region])))
        #expect(!answers(FeedbackQuery(from: midnight.addingTimeInterval(3600), groupBy: [.location])))
        #expect(!answers(FeedbackQuery(locations: ["L1"], groupBy: [.staff])))
        #expect(!answers(FeedbackQuery(services: ["SV1"], groupBy: [.channel])))
        var staffQuery = FeedbackQuery(groupBy: [.staff])
        #expect(answers(staffQuery))
        var flagsOnly = Self.table([], zone: zone, rollupsFirst: false)
        flagsOnly.addRollup(.staff, measures: .flags)
        for fact in FeedbackTableTests.facts(count: 50, seed: 3) { flagsOnly.append(fact) }
        staffQuery.measures = .flags
        #expect(flagsOnly.rollupTally(staffQuery, filter: CompiledFilter(query: staffQuery, table: flagsOnly)) != nil)
        staffQuery.measures = [.flags, .nps]
        #expect(flagsOnly.rollupTally(staffQuery, filter: CompiledFilter(query: staffQuery, table: flagsOnly)) == nil)
    }

    /// Santiago sets clocks back from midnight to 23:00 (4 April 2026): that day is 25 hours long and
    /// still ends at one midnight, so whole-day queries over it are answered and agree with the rows.
    @Test func aTwentyFiveHourDayIsStillOneDay() {
        let zone = TimeZone(identifier: "America/Santiago")!
        let facts = FeedbackTableTests.facts(count: 3_000, seed: 7)
        let rolled = Self.table(facts, zone: zone, rollupsFirst: true)
        let plain = FeedbackTableTests.table(facts, zone: zone)
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let from = calendar.startOfDay(for: Date(timeIntervalSince1970: 1_775_260_800))  // 2026-04-04 local
        let to = calendar.date(byAdding: .day, value: 2, to: from)!
        #expect(to.timeIntervalSince(from) == 49 * 3600)
        let query = FeedbackQuery(from: from, to: to, groupBy: [.day, .location])
        #expect(rolled.rollupTally(query, filter: CompiledFilter(query: query, table: rolled)) != nil)
        #expect(rolled.tally(query) == plain.tally(query))
        #expect(rolled.tally(query).groups.contains { $0.key.first == "2026-04-04" })
    }

    @Test func memoryGrowsWithDaysAndCodesNotRecords() {
        var table = FeedbackTable(timeZone: FeedbackTableTests.utc)
        table.addRollup(.location, measures: .all)
        let day = Date(timeIntervalSince1970: 1_767_225_600)
        for index in 0..<20_000 {
            table.append(FeedbackFact(ts: day.addingTimeInterval(Double(index % 80_000)), channel: .button, kind: .impulse, location: "L\(index % 5)", nps: index % 11))
        }
        let bytes = table.rollupBytes
        for index in 0..<20_000 {
            table.append(FeedbackFact(ts: day.addingTimeInterval(Double(index % 80_000)), channel: .button, kind: .impulse, location: "L\(index % 5)", nps: index % 11))
        }
        #expect(table.rollupBytes == bytes)
        #expect(bytes < 100_000)
    }
}

/// A counter the property closure can bump (it runs as a Sendable closure).
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
