import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The columnar engine against a plain reference computation over the same facts.
@Suite struct FeedbackTableTests {
    static let utc = TimeZone(identifier: "UTC")!
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    /// Deterministic pseudo-random facts (a linear congruential sequence, no Foundation randomness).
    static func facts(count: Int, seed: UInt64) -> [FeedbackFact] {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let start = 1_767_225_600.0  // 2026-01-01T00:00:00Z
        return (0..<count).map { _ in
            FeedbackFact(
                ts: Date(timeIntervalSince1970: start + Double(next(200 * 86_400))),
                channel: [Channel.button, .terminal, .qrWeb][next(3)], kind: [FeedbackKind.impulse, .informative][next(2)],
                location: next(10) == 0 ? nil : "L\(next(5))", staff: "S\(next(12))", service: "SV\(next(4))",
                nps: next(3) == 0 ? nil : next(11), csat: next(2) == 0 ? nil : 1 + next(5), ces: next(4) == 0 ? 1 + next(7) : nil,
                button: next(2) == 0 ? nil : ButtonPress.allCases[next(3)])
        }
    }

    static let regionOf = ["L0": "R1", "L1": "R1", "L2": "R2", "L3": "R2"]

    static func table(_ facts: [FeedbackFact], zone: TimeZone = utc) -> FeedbackTable {
        var table = FeedbackTable(timeZone: zone)
        for (location, region) in regionOf { table.setRegion(region, ofLocation: location) }
        for fact in facts { table.append(fact) }
        return table
    }

    /// The plain computation: filter with `matches`, group with Foundation's calendar.
    static func reference(_ facts: [FeedbackFact], _ query: FeedbackQuery, zone: TimeZone) -> [[String]: Tally] {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = zone
        let day = DateFormatter()
        day.calendar = calendar
        day.timeZone = zone
        day.dateFormat = "yyyy-MM-dd"
        var groups: [[String]: Tally] = [:]
        for fact in facts where query.matches(fact, region: fact.location.flatMap { regionOf[$0] }) {
            let key = query.groupBy.map { dimension -> String in
                switch dimension {
                case .location: fact.location ?? ""
                case .region: fact.location.flatMap { regionOf[$0] } ?? ""
                case .staff: fact.staff ?? ""
                case .service: fact.service ?? ""
                case .channel: fact.channel.rawValue
                case .kind: fact.kind.rawValue
                case .day: day.string(from: fact.ts)
                case .week: day.string(from: calendar.dateInterval(of: .weekOfYear, for: fact.ts)!.start)
                case .month: String(day.string(from: fact.ts).prefix(7))
                }
            }
            groups[key, default: Tally()].add(
                nps: Int8(fact.nps ?? -1), csat: Int8(fact.csat ?? -1), ces: Int8(fact.ces ?? -1),
                button: fact.button.map { UInt8(ButtonPress.allCases.firstIndex(of: $0)! + 1) } ?? 0)
        }
        return groups
    }

    static let queries: [FeedbackQuery] = [
        FeedbackQuery(groupBy: [.location]),
        FeedbackQuery(groupBy: [.region]),
        FeedbackQuery(groupBy: [.staff, .channel]),
        FeedbackQuery(from: Date(timeIntervalSince1970: 1_769_000_000.5), to: Date(timeIntervalSince1970: 1_775_000_000), groupBy: [.day]),
        FeedbackQuery(locations: ["L1", "L3"], channels: [.terminal, .qrWeb], groupBy: [.week]),
        FeedbackQuery(regions: ["R2"], services: ["SV1"], groupBy: [.month, .kind]),
        FeedbackQuery(staff: ["S3"], kinds: [.impulse], groupBy: []),
        FeedbackQuery(locations: ["nowhere"], groupBy: [.location]),
    ]

    /// Both accumulation paths (a fused flat-array pass, a hash map), one and three threads, rows in
    /// time order and not, in both time zones.
    @Test(arguments: [
        (utc, 250_000, 1, false), (moscow, 250_000, 3, false), (utc, 0, 1, false), (moscow, 0, 1, true),
        (utc, 250_000, 3, true), (moscow, 250_000, 1, true),
    ])
    func agreesWithReference(zone: TimeZone, denseLimit: Int, threads: Int, timeOrdered: Bool) {
        var facts = Self.facts(count: 6_000, seed: 42)
        if timeOrdered { facts.sort { $0.ts < $1.ts } }
        let table = Self.table(facts, zone: zone)
        for query in Self.queries {
            let result = table.tally(query, options: ScanOptions(denseLimit: denseLimit, parallelism: threads, rowsPerThread: 500))
            let expected = Self.reference(facts, query, zone: zone)
            let actual = Dictionary(uniqueKeysWithValues: result.groups.map { ($0.key, $0.tally) })
            if query.groupBy.isEmpty {
                #expect(result.groups.isEmpty)
                #expect(result.overall == expected[[]] ?? Tally(), "query \(query)")
            } else {
                #expect(actual == expected, "query \(query)")
                var overall = Tally()
                for tally in expected.values { overall.merge(tally) }
                #expect(result.overall == overall)
            }
        }
    }

    @Test func groupsAreSortedByKey() {
        let result = Self.table(Self.facts(count: 500, seed: 7)).tally(FeedbackQuery(groupBy: [.location]))
        #expect(result.groups.map(\.key) == result.groups.map(\.key).sorted { $0.lexicographicallyPrecedes($1) })
    }

    @Test func regionChangesApplyToHeldRecords() {
        var table = Self.table([FeedbackFact(ts: Date(timeIntervalSince1970: 1_770_000_000), channel: .terminal, kind: .informative, location: "L9", nps: 10)])
        #expect(table.tally(FeedbackQuery(groupBy: [.region])).groups.first?.key == [""])
        table.setRegion("R7", ofLocation: "L9")
        #expect(table.tally(FeedbackQuery(groupBy: [.region])).groups.first?.key == ["R7"])
        #expect(table.tally(FeedbackQuery(regions: ["R7"])).overall.npsN == 1)
    }

    /// 34 bytes a record in the columns (30 before the customer id a segment slice selects by); the memory the table
    /// reports is what its columns allocated.
    @Test func bytesPerRecordIsCompact() {
        #expect(FeedbackTable.bytesPerRecord == 34)
        var table = FeedbackTable()
        table.reserveCapacity(100_000)
        for fact in Self.facts(count: 100_000, seed: 3) { table.append(fact) }
        let columns = 100_000 * FeedbackTable.bytesPerRecord
        #expect(table.memoryBytes >= columns)
        #expect(table.memoryBytes < columns + 4_096, "dictionaries of a few dozen codes, no spare capacity")
    }

    /// A scan for one metric counts only that metric's histogram; the record count is always known.
    @Test func measuresLimitTheWork() {
        let facts = Self.facts(count: 2_000, seed: 11)
        let table = Self.table(facts)
        let full = table.tally(FeedbackQuery(groupBy: [.location]))
        let npsOnly = table.tally(FeedbackQuery(groupBy: [.location], measures: .nps))
        #expect(npsOnly.groups.map(\.key) == full.groups.map(\.key))
        for (narrow, wide) in zip(npsOnly.groups, full.groups) {
            #expect(narrow.tally.count == wide.tally.count)
            #expect(narrow.tally.npsN == wide.tally.npsN && narrow.tally.promoters == wide.tally.promoters)
            #expect(narrow.tally.detractors == wide.tally.detractors)
            #expect(narrow.tally.csatN == 0 && narrow.tally.cesN == 0 && narrow.tally.buttonN == 0 && narrow.tally.rated == 0)
        }
        let countOnly = table.tally(FeedbackQuery(measures: []))
        #expect(countOnly.overall.count == 2_000)
    }

    /// The zone map: blocks wholly outside a time range are skipped, blocks wholly inside need no
    /// time test, the rest are tested row by row — and a late record only widens its own block.
    @Test func zoneMapRuns() {
        var zones = TimeZoneMap()
        let block = TimeZoneMap.blockSize
        for row in 0..<(3 * block) { zones.note(Int64(row), row: row) }  // times = row numbers, in order
        let all = 0..<(3 * block)
        #expect(zones.runs(from: .min, to: .max, within: all) == [.init(rows: all, testTime: false)])
        #expect(zones.runs(from: Int64(block), to: Int64(2 * block), within: all) == [.init(rows: block..<(2 * block), testTime: false)])
        #expect(zones.runs(from: 10, to: Int64(block + 5), within: all) == [.init(rows: 0..<(2 * block), testTime: true)])
        #expect(zones.runs(from: Int64(3 * block), to: .max, within: all).isEmpty)
        #expect(zones.runs(from: 0, to: .max, within: 5..<(block + 7)) == [.init(rows: 5..<(block + 7), testTime: false)])
        zones.note(0, row: 3 * block)  // a late record opens a fourth block holding an old time
        zones.note(Int64(5 * block), row: 3 * block + 1)  // and a current one lands beside it
        let withLate = 0..<(3 * block + 2)
        #expect(zones.runs(from: 0, to: Int64(block), within: withLate) == [
            .init(rows: 0..<block, testTime: false), .init(rows: (3 * block)..<(3 * block + 2), testTime: true),
        ])
        #expect(zones.runs(from: Int64(3 * block), to: .max, within: withLate) == [.init(rows: (3 * block)..<(3 * block + 2), testTime: true)])
    }

    /// Splitting runs across threads keeps every row exactly once and each run's time test.
    @Test func runsSplitIntoEqualShares() {
        let runs: [TimeZoneMap.Run] = [.init(rows: 0..<10, testTime: true), .init(rows: 20..<27, testTime: false)]
        let shares = DenseScan.split(runs, into: 3)
        #expect(shares.map { $0.reduce(0) { $0 + $1.rows.count } } == [6, 6, 5])
        #expect(shares.flatMap { $0 }.flatMap { Array($0.rows) } == Array(0..<10) + Array(20..<27))
        #expect(shares.flatMap { $0 }.allSatisfy { $0.testTime == ($0.rows.lowerBound < 10) })
    }

    /// Over several blocks with late arrivals, time windows agree with a plain count.
    @Test func timeWindowsAcrossBlocks() {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var facts: [FeedbackFact] = []
        for index in 0..<(2 * TimeZoneMap.blockSize + 5_000) {
            let late = index % 997 == 0 ? -86_400.0 * Double(index % 30) : 0  // some records arrive a few weeks late
            facts.append(FeedbackFact(ts: start + Double(index) * 60 + late, channel: .terminal, kind: .informative, nps: index % 11))
        }
        var table = FeedbackTable()
        for fact in facts { table.append(fact) }
        for (from, to) in [(0.0, 1e9), (3_600.0, 5_000_000), (4_000_000, 8_000_000), (7_000_000, 7_000_060), (-1e7, 1.0)] {
            let query = FeedbackQuery(from: start + from, to: start + to, measures: .nps)
            let expected = facts.filter { $0.ts >= start + from && $0.ts < start + to }
            let result = table.tally(query, options: ScanOptions(parallelism: 2, rowsPerThread: 10_000)).overall
            #expect(result.count == expected.count, "[\(from), \(to))")
            #expect(result.promoters == expected.filter { $0.nps! >= 9 }.count)
        }
    }
}
