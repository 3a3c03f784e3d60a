import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The columnar contact engine (``CallFacts`` over ``CallTable``) against the plain struct-array computation
/// (``ReferenceCallFacts``): every KPI and definition, by every dimension and pairs of them, with filters and time
/// ranges, on a generated log with the edge cases (IVR-only groups, waits of exactly T and of the short-abandon
/// limit, missing waits, talk times and agents, calls either side of midnight and of a week's start, repeat
/// contacts exactly at the FCR window, out-of-order appends, ties). Counts equal; values to 1e-9 relative.
@Suite struct CallEngineEquivalenceTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// Sunday 2026-03-01 00:00 Berlin (UTC+1): days and weeks turn over inside the log; DST starts on 03-29.
    static let start = Date(timeIntervalSince1970: 1_772_319_600)

    /// A deterministic generator (SplitMix64).
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
        mutating func pick<T>(_ values: [T]) -> T { values[int(values.count)] }
    }

    /// Waits with some not exact in a `Float` (19.999): the table holds waits as doubles.
    static let mixedWaits: [Double?] = [0, 3, 5, 5.5, 19.999, 20, 20.5, 30, 45.25, 70, 180, nil]
    /// Every wait exact in a `Float` (whole seconds and binary fractions): the table holds 4-byte floats.
    static let floatWaits: [Double?] = [0, 3, 5, 5.5, 19.5, 20, 20.5, 30, 45.25, 70, 180, nil]
    /// Tenths, none exact in a `Float` but the whole ones; thresholds 20 and 19.5 fall between them.
    static let tenthWaits: [Double?] = [0, 0.1, 4.9, 5, 5.1, 19.4, 19.6, 19.9, 20, 20.1, 70.3, nil]

    static func log(count: Int, seed: UInt64, days: Int = 60, offset: TimeInterval = 0, waits: [Double?] = mixedWaits,
                    hold: Double = 15.5) -> [Interaction] {
        var random = Random(state: seed)
        return (0..<count).map { index in
            // Whole seconds mostly; a few ties on the same second; some at 23:59:59 and 00:00:00 local.
            var seconds = Double(random.int(days * 86_400))
            if random.chance(0.02) { seconds = Double(random.int(days)) * 86_400 - 1 }
            if random.chance(0.02) { seconds = Double(random.int(days)) * 86_400 }
            if random.chance(0.01) { seconds += 0.25 }
            let r = random.int(100)
            let outcome: InteractionOutcome = r < 15 ? .selfService : r < 30 ? .abandoned : .answered
            let customer: String? = random.chance(0.33) ? nil : "C\(random.int(150))"
            return Interaction(
                id: "i\(seed)-\(index)", channel: random.pick([.callCenter, .callCenter, .chat, .email]),
                queue: random.pick(["PS", "NW", "TT", "IN", nil]), location: random.pick(["L1", "L2", "L3", "L4", nil]),
                staff: outcome == .answered ? random.pick(["A1", "A2", "A3", "A4", "A5", "A6", nil]) : nil,
                service: random.pick(["S1", "S2", nil]), customer: customer, topic: random.pick(["card", "loan", "", nil]),
                arrivedAt: start.addingTimeInterval(offset + seconds), outcome: outcome,
                waitSeconds: outcome == .selfService ? nil : random.pick(waits),
                talkSeconds: outcome == .answered && !random.chance(0.1) ? Double(30 + random.int(600)) : nil,
                holdSeconds: random.chance(0.2) ? hold : nil, wrapSeconds: random.chance(0.5) ? 20 : nil,
                transferred: outcome == .answered && random.chance(0.1))
        }
    }

    /// Repeat contacts placed exactly at and just past the 7-day window, and an IVR-only queue of its own.
    static let windowCases: [Interaction] = {
        let week = 7 * 86_400.0
        func call(_ id: String, _ customer: String, _ at: TimeInterval, _ outcome: InteractionOutcome = .answered, queue: String = "PS") -> Interaction {
            Interaction(id: id, channel: .callCenter, queue: queue, customer: customer, topic: "card", arrivedAt: start.addingTimeInterval(at),
                        outcome: outcome, waitSeconds: outcome == .selfService ? nil : 10, talkSeconds: 60)
        }
        return [
            call("w1", "W1", 1_000), call("w2", "W1", 1_000 + week),  // exactly 7 days: repeated
            call("w3", "W2", 2_000), call("w4", "W2", 2_000 + week + 0.5),  // half a second past: resolved
            call("w5", "W3", 3_000), call("w6", "W3", 3_000, .abandoned),  // a tie: the first is repeated
            call("w7", "W4", 4_000), call("w8", "W4", 4_500, .selfService),  // IVR-only is not a contact back
            call("ivr", "W5", 5_000, .selfService, queue: "IVR-only"),
        ]
    }()

    static let metrics: [CallMetric] = {
        var list: [CallMetric] = []
        for definition in CallMetric.ServiceLevelDefinition.allCases {
            for threshold in [20.0, 0, 19.5] {
                var metric = CallMetric(kind: .sl)
                metric.serviceLevel = definition
                metric.threshold = threshold
                list.append(metric)
            }
        }
        for definition in CallMetric.AbandonmentDefinition.allCases {
            for short in [5.0, 0] {
                var metric = CallMetric(kind: .abandonment)
                metric.abandonment = definition
                metric.shortAbandon = short
                list.append(metric)
            }
        }
        for days in [7, 1, 30] {
            var metric = CallMetric(kind: .fcr)
            metric.fcrDays = days
            list.append(metric)
        }
        return list + [CallMetric(kind: .asa), CallMetric(kind: .aht), CallMetric(kind: .transfer)]
    }()

    static let dimensionSets: [[CallDimension]] = CallDimension.allCases.map { [$0] } + [
        [], [.queue, .month], [.agent, .day], [.region, .hour], [.week, .channel], [.topic, .service], [.location, .week],
    ]

    static let queries: [ProcessQuery] = [
        ProcessQuery(),
        ProcessQuery(filter: CallFilter(queues: ["PS", "TT"])),
        ProcessQuery(filter: CallFilter(agents: ["A1"], channels: ["call_center"])),
        ProcessQuery(filter: CallFilter(regions: ["North"])),
        ProcessQuery(filter: CallFilter(locations: ["L1", "L4"], regions: ["North"], services: ["S2"])),
        ProcessQuery(filter: CallFilter(queues: ["nowhere"])),
        // From a local midnight to a moment inside a day.
        ProcessQuery(from: start.addingTimeInterval(7 * 86_400), to: start.addingTimeInterval(20 * 86_400 + 3_600.5)),
        ProcessQuery(to: start.addingTimeInterval(10 * 86_400), minimumN: 30),
    ]

    static func expectSame(_ a: MetricReport, _ b: MetricReport, _ context: String) {
        #expect(a.metric == b.metric && a.definition == b.definition && a.minimumN == b.minimumN && a.dimensions == b.dimensions, "\(context)")
        #expect(a.notes == b.notes, "\(context)")
        #expect(a.groups.map(\.key) == b.groups.map(\.key), "\(context): group keys")
        for (x, y) in zip([a.overall] + a.groups.map(\.value), [b.overall] + b.groups.map(\.value)) {
            #expect(x.n == y.n && x.insufficient == y.insufficient, "\(context): n \(x.n) vs \(y.n)")
            for (p, q) in [(x.value, y.value), (x.ciLow, y.ciLow), (x.ciHigh, y.ciHigh)] {
                #expect((p == nil) == (q == nil), "\(context)")
                if let p, let q { #expect(abs(p - q) <= 1e-9 * max(1, abs(q)), "\(context): \(p) vs \(q)") }
            }
        }
    }

    static func engines(_ batches: [[Interaction]], options: ScanOptions) -> (CallFacts, ReferenceCallFacts) {
        var engine = CallFacts(timeZone: berlin)
        engine.options = options
        var reference = ReferenceCallFacts(timeZone: berlin)
        for (location, region) in [("L1", "North"), ("L2", "North"), ("L3", "South")] {
            engine.setRegion(region, ofLocation: location)
            reference.setRegion(region, ofLocation: location)
        }
        for batch in batches {
            engine.append(batch)
            reference.append(batch)
        }
        return (engine, reference)
    }

    static let scanOptions: [ScanOptions] = [
        .default,
        // Several threads on a small table, and the hash-map path for every grouped query.
        ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500),
        ScanOptions(denseLimit: 250_000, parallelism: 3, rowsPerThread: 500),
    ]

    @Test(arguments: 0..<scanOptions.count)
    func everyKPIEqualsTheReference(optionIndex: Int) {
        // Later batches go back in time (an import of history after live calls): the FCR gaps are then recomputed.
        let batches = [Self.log(count: 2_500, seed: 1), Self.windowCases, Self.log(count: 1_500, seed: 2, days: 30, offset: -10 * 86_400)]
        var (engine, reference) = Self.engines(batches, options: Self.scanOptions[optionIndex])
        for metric in Self.metrics {
            for dimensions in Self.dimensionSets {
                for (index, base) in Self.queries.enumerated() {
                    var query = base
                    query.dimensions = dimensions
                    Self.expectSame(
                        engine.report(metric, query, minimumN: 5), reference.report(metric, query, minimumN: 5),
                        "\(metric.kind) \(metric.definition.prefix(40)) by \(dimensions) query \(index)")
                }
            }
        }
    }

    /// The widths the waits and handle times are held at: floats while every value is exact in one, doubles
    /// from the first value that is not (from the start, or switched mid-way between appends). Every KPI equals
    /// the reference at each, ungrouped (the register tallies) and grouped, on one thread and several.
    @Test(arguments: ["float", "double", "switched", "handle switched"])
    func everyKPIEqualsTheReferenceAtEitherWidth(_ shape: String) {
        let batches: [[Interaction]] = switch shape {
        case "float": [Self.log(count: 2_000, seed: 3, waits: Self.floatWaits), Self.windowCases]
        case "double": [Self.log(count: 2_000, seed: 4, waits: Self.tenthWaits, hold: 0.1)]
        case "switched": [Self.log(count: 1_200, seed: 5, waits: Self.floatWaits), Self.log(count: 800, seed: 6, waits: Self.tenthWaits)]
        default: [Self.log(count: 1_200, seed: 7, waits: Self.floatWaits), Self.log(count: 800, seed: 8, waits: Self.floatWaits, hold: 0.1)]
        }
        for options in [ScanOptions.default, ScanOptions(denseLimit: 250_000, parallelism: 3, rowsPerThread: 300)] {
            var (engine, reference) = Self.engines(batches, options: options)
            #expect(engine.table.wait.isFloat == (shape == "float" || shape == "handle switched"), "\(shape): wait width")
            #expect(engine.table.handle.isFloat == (shape == "float" || shape == "switched"), "\(shape): handle width")
            for metric in Self.metrics {
                for dimensions: [CallDimension] in [[], [.queue], [.agent, .day]] {
                    for (index, base) in Self.queries.enumerated() {
                        var query = base
                        query.dimensions = dimensions
                        Self.expectSame(
                            engine.report(metric, query, minimumN: 5), reference.report(metric, query, minimumN: 5),
                            "\(shape): \(metric.kind) \(metric.definition.prefix(40)) by \(dimensions) query \(index)")
                    }
                }
            }
        }
    }

    /// A filter that keeps about one contact in two hundred (one agent of seven, one location of five, chat only,
    /// a time range starting inside a block) over 12,003 contacts: the rows kept are listed a block of 2,048 at a time
    /// (``RowSelection``) and only they are counted, grouped or not, on one thread and on three. Every KPI equals the
    /// reference; the filter keeps some contacts and fewer than 1 %.
    @Test func aFilterKeepingFewContactsCountsExactlyThose() {
        let log = Self.log(count: 12_003, seed: 11, waits: Self.floatWaits)
        let base = ProcessQuery(
            from: Self.start.addingTimeInterval(3 * 86_400 + 0.5), filter: CallFilter(agents: ["A3"], locations: ["L2"], channels: ["chat"]))
        for options in [ScanOptions.default, ScanOptions(denseLimit: 250_000, parallelism: 3, rowsPerThread: 2_500)] {
            var (engine, reference) = Self.engines([log], options: options)
            let kept = engine.report(CallMetric(kind: .asa), base, minimumN: 1).overall.n
            #expect(kept > 0 && kept < log.count / 100, "kept \(kept)")
            for metric in Self.metrics {
                for dimensions: [CallDimension] in [[], [.agent], [.queue, .month], [.channel]] {
                    var query = base
                    query.dimensions = dimensions
                    Self.expectSame(
                        engine.report(metric, query, minimumN: 1), reference.report(metric, query, minimumN: 1),
                        "selective: \(metric.kind) \(metric.definition.prefix(40)) by \(dimensions)")
                }
            }
        }
    }

    /// A time range, locations, services, queues and channels at once (the contact test with five ``ColumnFilter``
    /// passes) over contacts of which some have no location, service or queue (−1 codes, which no filter passes): every
    /// KPI, grouped or not, on one thread and on three with the hash map.
    @Test func combinedFiltersEqualTheReference() {
        let log = Self.log(count: 6_001, seed: 21, waits: Self.floatWaits)
        let query = ProcessQuery(
            from: Self.start.addingTimeInterval(4 * 86_400 + 0.5), to: Self.start.addingTimeInterval(45 * 86_400),
            filter: CallFilter(queues: ["PS", "NW"], locations: ["L1", "L2", "L4"], services: ["S1", "S2"], channels: ["call_center", "chat", "email"]))
        for options in [ScanOptions.default, ScanOptions(denseLimit: 1, parallelism: 3, rowsPerThread: 500)] {
            var (engine, reference) = Self.engines([log], options: options)
            let kept = engine.report(CallMetric(kind: .asa), query, minimumN: 1).overall.n
            #expect(kept > 0 && kept < log.count / 4, "kept \(kept)")
            for metric in Self.metrics {
                for dimensions: [CallDimension] in [[], [.location], [.queue, .month], [.service, .channel]] {
                    var grouped = query
                    grouped.dimensions = dimensions
                    Self.expectSame(
                        engine.report(metric, grouped, minimumN: 1), reference.report(metric, grouped, minimumN: 1),
                        "combined: \(metric.kind) \(metric.definition.prefix(40)) by \(dimensions)")
                }
            }
        }
    }

    /// FCR kept current append by append in time order (the gaps set as each contact arrives), then after an
    /// append back in time.
    @Test func repeatGapsFollowAppends() {
        var (engine, reference) = Self.engines([], options: .default)
        let log = Self.log(count: 3_000, seed: 9).sorted { $0.arrivedAt < $1.arrivedAt }
        for chunk in stride(from: 0, to: log.count, by: 700).map({ Array(log[$0..<min(log.count, $0 + 700)]) }) {
            engine.append(chunk)
            reference.append(chunk)
            #expect(!engine.table.repeatGapsStale)
            Self.expectSame(engine.report(CallMetric(kind: .fcr), ProcessQuery(dimensions: [.queue]), minimumN: 1),
                            reference.report(CallMetric(kind: .fcr), ProcessQuery(dimensions: [.queue]), minimumN: 1), "in order")
        }
        let back = Self.log(count: 300, seed: 10, days: 5)
        engine.append(back)
        reference.append(back)
        #expect(engine.table.repeatGapsStale)
        Self.expectSame(engine.report(CallMetric(kind: .fcr), ProcessQuery(), minimumN: 1),
                        reference.report(CallMetric(kind: .fcr), ProcessQuery(), minimumN: 1), "after an append back in time")
        #expect(!engine.table.repeatGapsStale)
    }

    /// The hand-made window cases alone, worked out. Answered identified contacts: w1-w5 and w7 (6). w1 is followed
    /// by w2 exactly 7 days later (a wait of the window counts: not resolved); w2 and w4 are their customers' last;
    /// w3 is followed half a second past the window (resolved); w5 by w6 at the same second (not resolved); w7 only
    /// by an IVR-only contact, which is not offered (resolved). FCR = 4/6.
    @Test func windowCasesWorkedOut() throws {
        var engine = CallFacts(timeZone: Self.berlin)
        engine.append(Self.windowCases)
        let fcr = engine.report(CallMetric(kind: .fcr), by: [], minimumN: 1).overall
        #expect(fcr.n == 6)
        #expect(abs(try #require(fcr.value) - 100 * 4.0 / 6) < 1e-12)
        let byQueue = engine.report(CallMetric(kind: .asa), by: [.queue], minimumN: 1)
        #expect(byQueue.groups.map { $0.key["queue"] ?? "" } == ["IVR-only", "PS"])
        #expect(byQueue.groups[0].value.n == 0 && byQueue.groups[0].value.insufficient)
    }
}
