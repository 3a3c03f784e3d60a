import Foundation
import OtklikClickHouse
import OtklikCore
import OtklikMetrics
import PropertyBased
import Testing

/// Every ``FeedbackAnalyticsBackend``, one per case, made empty in a time zone. A new backend joins by adding a case
/// here: the whole contract suite then runs on it unchanged.
enum FeedbackBackendKind: String, CaseIterable, CustomTestStringConvertible {
    case columnar
    case reference
    /// A ClickHouse server at `OTKLIK_TEST_CLICKHOUSE_URL` (scripts/test starts one); each backend a table of its own.
    case clickhouse

    /// The backends to test: ClickHouse only when a server is given.
    static var allCases: [FeedbackBackendKind] {
        ProcessInfo.processInfo.environment["OTKLIK_TEST_CLICKHOUSE_URL"] == nil ? [.columnar, .reference] : [.columnar, .reference, .clickhouse]
    }

    var testDescription: String { rawValue }

    func make(_ zone: TimeZone) -> any FeedbackAnalyticsBackend {
        switch self {
        case .columnar: ColumnarFeedbackBackend(timeZone: zone)
        case .reference: ReferenceFeedbackBackend(timeZone: zone)
        case .clickhouse:
            // The URL is known to be set (allCases); a fresh table per backend keeps the tests apart.
            try! ClickHouseFeedbackBackend(
                connection: ClickHouseConnection(url: ProcessInfo.processInfo.environment["OTKLIK_TEST_CLICKHOUSE_URL"]!),
                database: "otklik_contract", table: "facts_" + UUID().uuidString.replacingOccurrences(of: "-", with: ""),
                timeZone: zone)
        }
    }
}

/// The one contract suite of the analytics seam: hand-computed figures, region changes, and random tables and
/// queries against ``ReferenceFeedbackBackend`` (the plain computation), with appends between queries.
@Suite struct FeedbackBackendContractTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static func at(_ iso: String) -> Date { ISO8601DateFormatter().date(from: iso)! }

    /// Eight records worked through by hand (Moscow time, UTC+3; 2026-03-01 is a Sunday).
    static let handFacts: [FeedbackFact] = [
        FeedbackFact(ts: at("2026-03-01T20:59:59Z"), channel: .terminal, kind: .informative, location: "L1", staff: "A", nps: 10, csat: 5),
        FeedbackFact(ts: at("2026-03-01T21:00:00Z"), channel: .terminal, kind: .informative, location: "L1", staff: "A", nps: 9, csat: 4),
        FeedbackFact(ts: at("2026-03-02T08:00:00Z"), channel: .terminal, kind: .informative, location: "L1", staff: "B", nps: 6, csat: 2),
        FeedbackFact(ts: at("2026-03-02T09:00:00Z"), channel: .qrWeb, kind: .informative, location: "L2", staff: "C", nps: 0, csat: 1),
        FeedbackFact(ts: at("2026-03-02T10:00:00Z"), channel: .qrWeb, kind: .informative, location: "L2", staff: "C", nps: 8, ces: 7),
        FeedbackFact(ts: at("2026-03-02T11:00:00Z"), channel: .button, kind: .impulse, location: "L2", button: .negative),
        FeedbackFact(ts: at("2026-03-02T12:00:00Z"), channel: .button, kind: .impulse, button: .positive),
        FeedbackFact(ts: at("2026-03-09T07:00:00Z"), channel: .terminal, kind: .informative, location: "L1", nps: 7, ces: 2),
    ]

    static func counts(_ result: GroupedTallies) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: result.groups.map { ($0.key.joined(separator: "|"), $0.tally.count) })
    }

    @Test(arguments: FeedbackBackendKind.allCases)
    func handComputedFigures(_ kind: FeedbackBackendKind) async throws {
        let backend = kind.make(Self.moscow)
        try await backend.setRegion("R1", ofLocation: "L1")
        try await backend.setRegion("R2", ofLocation: "L2")
        try await backend.append(Self.handFacts)
        #expect(try await backend.count() == 8)

        let overall = try await backend.tally(FeedbackQuery()).overall
        // NPS answers 10, 9, 6, 0, 8, 7: two promoters, two detractors. CSAT 5, 4, 2, 1: two in the top two boxes.
        // CES 7 and 2: sum 9, squares 53, one "easy" (5 or more). Buttons: one positive, one negative.
        // Every record is rated; negative: NPS 6 (and CSAT 2), NPS 0, the negative press.
        #expect(overall.count == 8)
        #expect([overall.npsN, overall.promoters, overall.detractors] as [Int] == [6, 2, 2])
        #expect([overall.csatN, overall.csatTop2] as [Int] == [4, 2])
        #expect([overall.cesN, overall.cesSum, overall.cesSumOfSquares, overall.cesEasy] as [Int] == [2, 9, 53, 1])
        #expect([overall.buttonN, overall.buttonPositive, overall.buttonNegative] as [Int] == [2, 1, 1])
        #expect([overall.rated, overall.negative] as [Int] == [8, 3])

        // Days and ISO weeks in Moscow time: 20:59:59Z on Sunday 1 March is still that Sunday; 21:00Z is Monday.
        #expect(Self.counts(try await backend.tally(FeedbackQuery(groupBy: [.day]))) == ["2026-03-01": 1, "2026-03-02": 6, "2026-03-09": 1])
        #expect(Self.counts(try await backend.tally(FeedbackQuery(groupBy: [.week]))) == ["2026-02-23": 1, "2026-03-02": 6, "2026-03-09": 1])
        #expect(Self.counts(try await backend.tally(FeedbackQuery(groupBy: [.month]))) == ["2026-03": 8])
        #expect(Self.counts(try await backend.tally(FeedbackQuery(groupBy: [.region]))) == ["R1": 4, "R2": 3, "": 1])

        // Filters: from inclusive, to exclusive; a region filter drops the record without a location.
        let window = FeedbackQuery(from: Self.at("2026-03-01T21:00:00Z"), to: Self.at("2026-03-02T11:00:00Z"))
        #expect(try await backend.tally(window).overall.count == 4)
        let r1 = try await backend.tally(FeedbackQuery(regions: ["R1"], groupBy: [.staff]))
        #expect(Self.counts(r1) == ["A": 2, "B": 1, "": 1])
        #expect(r1.groups.first { $0.key == ["A"] }?.tally.promoters == 2)
        let impulses = try await backend.tally(FeedbackQuery(channels: [.button], kinds: [.impulse], groupBy: [.location]))
        #expect(Self.counts(impulses) == ["": 1, "L2": 1])
        #expect(try await backend.tally(FeedbackQuery(locations: ["nowhere"], groupBy: [.location])).groups.isEmpty)
    }

    /// A location moved to another region relabels every row it holds, also for a query asked before the move.
    @Test(arguments: FeedbackBackendKind.allCases)
    func regionChangeRelabelsEveryRow(_ kind: FeedbackBackendKind) async throws {
        let backend = kind.make(Self.moscow)
        try await backend.setRegion("R1", ofLocation: "L1")
        try await backend.setRegion("R2", ofLocation: "L2")
        try await backend.append(Self.handFacts)
        let byRegion = FeedbackQuery(groupBy: [.region])
        #expect(Self.counts(try await backend.tally(byRegion)) == ["R1": 4, "R2": 3, "": 1])
        try await backend.setRegion("R1", ofLocation: "L2")
        #expect(Self.counts(try await backend.tally(byRegion)) == ["R1": 7, "": 1])
        try await backend.setRegion(nil, ofLocation: "L1")
        #expect(Self.counts(try await backend.tally(byRegion)) == ["R1": 3, "": 5])
        #expect(try await backend.tally(FeedbackQuery(regions: ["R1"])).overall.count == 3)
    }

    /// Random tables in two time zones, appended in three stretches with the same random queries asked after each
    /// (a backend that remembers results must top them up), and a region change before the last stretch: every
    /// answer equals the reference computation's on the measures asked.
    @Test(arguments: FeedbackBackendKind.allCases.filter { $0 != .reference })
    func agreesWithTheReferenceComputation(_ kind: FeedbackBackendKind) async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...900), Gen.uint64(in: 1...UInt64.max), Gen.uint8(in: 0...31)) { count, seed, bits in
            let zone = seed % 2 == 0 ? FeedbackTableTests.utc : Self.moscow
            let facts = FeedbackTableTests.facts(count: count, seed: seed)
            let measures = TallyMeasures(rawValue: bits)
            let queries = (0..<3).map { FeedbackTablePropertyTests.query(seed: seed &+ UInt64($0) &* 0x9E37_79B9, measures: measures) }
            let backend = kind.make(zone)
            let reference = ReferenceFeedbackBackend(timeZone: zone)
            do {
                for (location, region) in FeedbackTableTests.regionOf {
                    try await backend.setRegion(region, ofLocation: location)
                    await reference.setRegion(region, ofLocation: location)
                }
                let stretches = [facts.prefix(count / 3), facts.dropFirst(count / 3).prefix(count / 3), facts.dropFirst(2 * (count / 3))]
                for (index, stretch) in stretches.enumerated() {
                    if index == 2 {
                        try await backend.setRegion("R2", ofLocation: "L1")
                        await reference.setRegion("R2", ofLocation: "L1")
                    }
                    try await backend.append(Array(stretch))
                    await reference.append(Array(stretch))
                    let answers = try await backend.tally(queries)
                    let expected = await reference.tally(queries)
                    for (answer, truth) in zip(answers, expected) {
                        #expect(answer.projected(onto: measures) == truth.projected(onto: measures), "\(kind) \(queries)")
                    }
                }
                #expect(try await backend.count() == count)
            } catch {
                Issue.record(error)
            }
        }
    }
}
