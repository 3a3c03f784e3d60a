import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The engine's snapshot file (issue 22, start-up in seconds): a table read back answers every query as the table
/// written did — and goes on doing so as rows are appended to both — and a damaged, torn or foreign file is refused
/// with a ``SnapshotError``, never read as a wrong table or a crash.
@Suite struct EngineSnapshotTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static func directory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let stamp = EngineSnapshot.Stamp(position: 42, event: "feedback 3 1796000000000", migrations: 62, timeZone: "Europe/Moscow")

    /// Feedback in two time zones' worth of days and contacts with waits held as doubles (19.999 s) and as floats,
    /// out-of-order arrivals (stale FCR gaps) and empty topics.
    static func tables(feedback: Int, calls: Int, seed: UInt64, waits: [Double?]) -> (FeedbackTable, CallTable, [Interaction]) {
        var feedbackTable = FeedbackTableTests.table(FeedbackTableTests.facts(count: feedback, seed: seed), zone: moscow)
        feedbackTable.setRegion("R9", ofLocation: "L-only-in-reference")
        let log = CallEngineEquivalenceTests.log(count: calls, seed: seed, waits: waits)
        var callTable = CallTable(timeZone: moscow)
        for interaction in log { callTable.append(CallFact(interaction)) }
        return (feedbackTable, callTable, log)
    }

    static func expectSameFeedback(_ a: FeedbackTable, _ b: FeedbackTable, seed: UInt64, _ context: String) {
        #expect(a.count == b.count, "\(context)")
        #expect(a.locations.codes == b.locations.codes && a.customers.codes == b.customers.codes && a.regions.codes == b.regions.codes)
        #expect(a.regionOfLocation == b.regionOfLocation && a.dayRange == b.dayRange, "\(context)")
        #expect(a.zones.minimum == b.zones.minimum && a.zones.maximum == b.zones.maximum, "\(context): zone map")
        #expect(Array(a.ts) == Array(b.ts) && Array(a.nps) == Array(b.nps) && Array(a.button) == Array(b.button), "\(context)")
        for index in 0..<40 {
            let query = FeedbackTablePropertyTests.query(seed: seed &+ UInt64(index) &* 7_919, measures: .all)
            #expect(a.tally(query) == b.tally(query), "\(context): \(query)")
        }
    }

    static func expectSameCalls(_ a: CallTable, _ b: CallTable, _ context: String) {
        #expect(a.count == b.count && a.lastContact == b.lastContact && a.repeatGapsStale == b.repeatGapsStale, "\(context)")
        #expect(a.wait.isFloat == b.wait.isFloat && a.handle.isFloat == b.handle.isFloat, "\(context): widths")
        #expect(Array(a.repeatGap) == Array(b.repeatGap) && Array(a.arrival) == Array(b.arrival), "\(context)")
        var (x, y) = (CallFacts(timeZone: moscow, table: a), CallFacts(timeZone: moscow, table: b))
        for (location, region) in ["L1": "North", "L2": "North", "L3": "South"] {
            x.setRegion(region, ofLocation: location)
            y.setRegion(region, ofLocation: location)
        }
        for metric in CallEngineEquivalenceTests.metrics {
            for dimensions in [[], [CallDimension.queue, .month], [.agent], [.region, .hour], [.topic]] {
                CallEngineEquivalenceTests.expectSame(
                    x.report(metric, by: dimensions, minimumN: 1), y.report(metric, by: dimensions, minimumN: 1), "\(context) \(metric) \(dimensions)")
            }
        }
    }

    @Test(arguments: [(UInt64(7), CallEngineEquivalenceTests.mixedWaits), (UInt64(11), CallEngineEquivalenceTests.floatWaits)])
    func aTableReadBackAnswersAsTheTableWritten(seed: UInt64, waits: [Double?]) throws {
        let (feedback, calls, _) = Self.tables(feedback: 3_000, calls: 2_500, seed: seed, waits: waits)
        #expect(calls.repeatGapsStale, "the log arrives out of time order")
        #expect(calls.wait.isFloat == (waits == CallEngineEquivalenceTests.floatWaits))
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        let bytes = try EngineSnapshot(stamp: Self.stamp, feedback: feedback, calls: calls).write(to: url)
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["engine.analytics"], "no temporary file left")
        #expect(try EngineSnapshot.stamp(at: url) == Self.stamp)
        let read = try EngineSnapshot.read(from: url)
        #expect(read.stamp == Self.stamp)
        var (feedbackBack, callsBack) = (try #require(read.feedback), try #require(read.calls))
        Self.expectSameFeedback(feedback, feedbackBack, seed: seed, "as read")
        Self.expectSameCalls(calls, callsBack, "as read")

        // Appends after the read keep both equal: the zone map, day range and FCR index were rebuilt as appends left them.
        var (feedbackMore, callsMore) = (feedback, calls)
        for fact in FeedbackTableTests.facts(count: 500, seed: seed ^ 0xFF) {
            feedbackMore.append(fact)
            feedbackBack.append(fact)
        }
        for interaction in CallEngineEquivalenceTests.log(count: 800, seed: seed ^ 0xFF, waits: waits) {
            callsMore.append(CallFact(interaction))
            callsBack.append(CallFact(interaction))
        }
        Self.expectSameFeedback(feedbackMore, feedbackBack, seed: seed, "after appends")
        Self.expectSameCalls(callsMore, callsBack, "after appends")
    }

    @Test func emptyTablesAndAMissingPartRoundTrip() throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        try EngineSnapshot(stamp: Self.stamp, feedback: nil, calls: CallTable(timeZone: Self.moscow)).write(to: url)
        let read = try EngineSnapshot.read(from: url)
        #expect(read.feedback == nil && read.calls?.count == 0)
    }

    /// A dictionary read from a snapshot gives each code its position as id, interns new codes after them, and refuses
    /// a list naming a code twice (it is made at its final size in one pass, not code by code).
    @Test func aSnapshotDictionaryKeepsPositionsAndRefusesARepeatedCode() throws {
        var read = try CodeDictionary(snapshot: ["L02", "L01", ""])
        #expect(read.id(of: "L02") == 0 && read.id(of: "L01") == 1 && read.id(of: "") == 2 && read.count == 3)
        #expect(read.intern("L01") == 1 && read.intern("L03") == 3 && read.code(of: 3) == "L03")
        #expect(throws: SnapshotError.corrupt("the code L01 twice in one dictionary")) { try CodeDictionary(snapshot: ["L01", "L02", "L01"]) }
    }

    /// Every prefix of a file (a torn copy), a byte changed in an id column, another format's mark: each refused.
    @Test func damagedFilesAreRefused() throws {
        let (feedback, calls, _) = Self.tables(feedback: 300, calls: 200, seed: 5, waits: CallEngineEquivalenceTests.mixedWaits)
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        try EngineSnapshot(stamp: Self.stamp, feedback: feedback, calls: calls).write(to: url)
        let whole = try Data(contentsOf: url)
        let damaged = directory.appendingPathComponent("damaged.analytics")
        var refused = 0
        for length in stride(from: 0, to: whole.count, by: 37) {
            try whole.prefix(length).write(to: damaged)
            #expect(throws: SnapshotError.self, "a file cut at \(length) of \(whole.count) bytes") { try EngineSnapshot.read(from: damaged) }
            refused += 1
        }
        #expect(refused > 100)
        var longer = whole
        longer.append(0)
        try longer.write(to: damaged)
        #expect(throws: SnapshotError.self, "a byte past the end mark") { try EngineSnapshot.read(from: damaged) }

        try whole.write(to: damaged)
        #expect(try EngineSnapshot.read(from: damaged).feedback?.count == feedback.count, "the whole file rewritten reads")
        // The feedback table's location column: the first row's id made 9,999 (no such code).
        var bad = whole
        let header = 8 + 4 + 4 + 4 + Array(String(decoding: try JSONEncoder().encode(Self.stamp), as: UTF8.self).utf8).count + 1
        var offset = header + 8
        func skipStrings(_ data: Data, _ at: inout Int) {
            let n = data.subdata(in: at..<at + 8).withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
            at += 8
            for _ in 0..<n { at += 4 + Int(data.subdata(in: at..<at + 4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }) }
        }
        for _ in 0..<5 { skipStrings(bad, &offset) }
        let regions = Int(bad.subdata(in: offset..<offset + 8).withUnsafeBytes { $0.loadUnaligned(as: Int64.self) })
        offset += 8 + regions * 4
        offset += 8 + feedback.count * 8 + 8 + feedback.count * 4 + 8  // ts, day, then the location column's count
        withUnsafeBytes(of: Int32(9_999)) { bad.replaceSubrange(offset..<offset + 4, with: $0) }
        try bad.write(to: damaged)
        #expect(throws: SnapshotError.corrupt("a location id outside the \(feedback.locations.count) codes held")) { try EngineSnapshot.read(from: damaged) }

        var foreign = whole
        foreign[0] ^= 0xFF
        try foreign.write(to: damaged)
        #expect(throws: SnapshotError.foreign("no snapshot mark")) { try EngineSnapshot.read(from: damaged) }
        #expect(throws: SnapshotError.self) { try EngineSnapshot.stamp(at: directory.appendingPathComponent("missing.analytics")) }
    }

    /// Requests in Moscow time with re-submitted ids (``PublicServiceEngineEquivalenceTests``' generator).
    static func requestTable(seed: UInt64) -> RequestTable {
        var table = RequestTable(timeZone: moscow)
        for request in PublicServiceEngineEquivalenceTests.requests(count: 1_500, seed: seed, ids: 1_200) { table.append(request) }
        return table
    }

    /// Every public-service KPI of two request tables, against the same contacts, equal.
    static func expectSameRequests(_ a: RequestTable, _ b: RequestTable, _ context: String) throws {
        #expect(a.count == b.count && a.ids.codes == b.ids.codes && a.customers.codes == b.customers.codes, "\(context)")
        #expect(Array(a.submitted) == Array(b.submitted) && Array(a.status) == Array(b.status), "\(context)")
        #expect(zip(a.cost, b.cost).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(context): costs, NaN for none")
        var calls = CallFacts(timeZone: moscow)
        calls.setRegion("North", ofLocation: "L1")
        calls.append(PublicServiceEngineEquivalenceTests.contacts(count: 800, seed: 3, requestIds: 1_300))
        var (x, y) = (PublicServiceFacts(timeZone: moscow, table: a), PublicServiceFacts(timeZone: moscow, table: b))
        x.calendar = PublicServiceEngineEquivalenceTests.calendar
        y.calendar = PublicServiceEngineEquivalenceTests.calendar
        let now = PublicServiceEngineEquivalenceTests.start.addingTimeInterval(40 * 86_400)
        for kpi in PublicServiceEngineEquivalenceTests.kpis where kpi.kind != .servicesOnlineShare {
            for dimensions in [[], [CallDimension.service, .month], [.region], [.channel, .day], [.hour]] {
                let query = ProcessQuery(dimensions: dimensions, filter: CallFilter(services: ["S1", "S2", "passport"]))
                CallEngineEquivalenceTests.expectSame(
                    try x.report(kpi, query, calls: calls, now: now, minimumN: 1), try y.report(kpi, query, calls: calls, now: now, minimumN: 1),
                    "\(context) \(kpi.kind) \(dimensions)")
            }
        }
    }

    @Test func aRequestTableReadBackAnswersAsTheTableWritten() throws {
        let requests = Self.requestTable(seed: 21)
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        try EngineSnapshot(stamp: Self.stamp, feedback: nil, calls: CallTable(timeZone: Self.moscow), requests: requests).write(to: url)
        var back = try #require(try EngineSnapshot.read(from: url).requests)
        try Self.expectSameRequests(requests, back, "as read")
        // Appends after the read, some re-submitting ids held: replaced in place in both.
        var more = requests
        for request in PublicServiceEngineEquivalenceTests.requests(count: 600, seed: 22, ids: 1_400) {
            more.append(request)
            back.append(request)
        }
        #expect(more.count < requests.count + 600, "some appends replaced a request held")
        try Self.expectSameRequests(more, back, "after appends")

        try EngineSnapshot(stamp: Self.stamp, feedback: nil, calls: nil, requests: RequestTable(timeZone: Self.moscow)).write(to: url)
        #expect(try EngineSnapshot.read(from: url).requests?.count == 0)
    }

    /// A request table's status column with a value no status has, a torn request section, and a file of the format
    /// before requests were held (version 1): each refused.
    @Test func aDamagedRequestSectionIsRefused() throws {
        let requests = Self.requestTable(seed: 23)
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        try EngineSnapshot(stamp: Self.stamp, feedback: nil, calls: nil, requests: requests).write(to: url)
        let whole = try Data(contentsOf: url)
        let damaged = directory.appendingPathComponent("damaged.analytics")
        // Header, parts, the request count, four dictionaries, then the columns (each its count and values).
        var offset = 8 + 4 + 4 + 4 + Array(String(decoding: try JSONEncoder().encode(Self.stamp), as: UTF8.self).utf8).count + 1 + 8
        for _ in 0..<4 {
            let n = whole.subdata(in: offset..<offset + 8).withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
            offset += 8
            for _ in 0..<n { offset += 4 + Int(whole.subdata(in: offset..<offset + 4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }) }
        }
        let n = requests.count
        offset += (8 + n * 8) + (8 + n * 4) + (8 + n) + 3 * (8 + n * 4) + (8 + n) + 8  // submitted … channel, the status count
        var bad = whole
        bad[offset] = 9
        try bad.write(to: damaged)
        #expect(throws: SnapshotError.corrupt("a status value outside 0...3")) { try EngineSnapshot.read(from: damaged) }
        for length in stride(from: whole.count - n * 8 - 40, to: whole.count, by: 97) {
            try whole.prefix(length).write(to: damaged)
            #expect(throws: SnapshotError.self, "cut at \(length) of \(whole.count) bytes") { try EngineSnapshot.read(from: damaged) }
        }
        var older = whole
        withUnsafeBytes(of: UInt32(1)) { older.replaceSubrange(8..<12, with: $0) }
        try older.write(to: damaged)
        #expect(throws: SnapshotError.foreign("format version 1, this build reads 2")) { try EngineSnapshot.stamp(at: damaged) }
    }

    @Test func anAgentStateTableReadBackAnswersAsTheTableWritten() throws {
        var states = AgentStateTable(timeZone: Self.moscow)
        for interval in AgentStateEngineEquivalenceTests.log(count: 2_000, seed: 41) { states.append(interval) }
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("engine.analytics")
        try EngineSnapshot(stamp: Self.stamp, feedback: nil, calls: nil, requests: nil, agentStates: states).write(to: url)
        var back = try #require(try EngineSnapshot.read(from: url).agentStates)
        var more = states
        for (context, extra) in [("as read", [AgentStateInterval]()), ("after appends", AgentStateEngineEquivalenceTests.log(count: 500, seed: 42))] {
            for interval in extra {
                more.append(interval)
                back.append(interval)
            }
            #expect(more.agents.codes == back.agents.codes && Array(more.start) == Array(back.start) && more.dayRange == back.dayRange, "\(context)")
            let (x, y) = (AgentStateFacts(timeZone: Self.moscow, table: more), AgentStateFacts(timeZone: Self.moscow, table: back))
            for kind in AgentMetric.Kind.allCases {
                for dimensions in AgentStateEngineEquivalenceTests.dimensionSets {
                    let query = ProcessQuery(dimensions: dimensions)
                    CallEngineEquivalenceTests.expectSame(
                        try x.report(AgentMetric(kind: kind), query, minimumN: 1), try y.report(AgentMetric(kind: kind), query, minimumN: 1),
                        "\(context) \(kind) \(dimensions)")
                }
            }
        }
        // The state column's first value made 7 (no such state): refused.
        let whole = try Data(contentsOf: url)
        let n = states.count
        var offset = 8 + 4 + 4 + 4 + Array(String(decoding: try JSONEncoder().encode(Self.stamp), as: UTF8.self).utf8).count + 1 + 8
        let codes = whole.subdata(in: offset..<offset + 8).withUnsafeBytes { $0.loadUnaligned(as: Int64.self) }
        offset += 8
        for _ in 0..<codes { offset += 4 + Int(whole.subdata(in: offset..<offset + 4).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) }) }
        offset += (8 + n * 8) + (8 + n * 4) + (8 + n) + (8 + n * 4) + 8  // start, day, hour, agent, the state count
        var bad = whole
        bad[offset] = 7
        let damaged = directory.appendingPathComponent("damaged.analytics")
        try bad.write(to: damaged)
        #expect(throws: SnapshotError.corrupt("a state value outside 0...3")) { try EngineSnapshot.read(from: damaged) }
    }
}
