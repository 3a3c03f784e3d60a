import Foundation
import Logging
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// The engine's snapshot beside the store (issue 22: start-up in seconds at ten million records): a load from a snapshot
/// plus the facts written after it gives every figure a load from the store gives, on SQLite and PostgreSQL; a snapshot
/// that no longer describes the store (another store, another time zone, a damaged file) is not used.
@Suite struct AnalyticsSnapshotTests {
    static let zone = TimeZone(identifier: "Europe/Moscow")!
    static let logger: Logger = {
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .critical
        return logger
    }()

    static func feedback(_ prefix: String, _ n: Int) -> [Feedback] {
        (0..<n).map { index in
            Feedback(
                id: "\(prefix)\(index)", ts: Date(timeIntervalSince1970: 1_772_000_000 + Double(index) * 3_517), channel: index % 3 == 0 ? .terminal : .qrWeb,
                kind: .informative, location: index % 4 == 0 ? "L02" : "L01", nps: (index * 7) % 11)
        }
    }

    static func calls(_ prefix: String, _ n: Int) -> [Interaction] {
        (0..<n).map { index in
            let outcome: InteractionOutcome = index % 5 == 0 ? .abandoned : .answered
            return Interaction(
                id: "\(prefix)\(index)", channel: .callCenter, queue: index % 2 == 0 ? "PS" : "NW", location: "L01",
                staff: outcome == .answered ? "A\(index % 3)" : nil, customer: index % 3 == 0 ? nil : "C\(index % 17)", topic: index % 4 == 0 ? nil : "card",
                arrivedAt: Date(timeIntervalSince1970: 1_772_000_000 + Double((index * 7_919) % 500_000)), outcome: outcome,
                waitSeconds: Double(index % 40) + (index % 9 == 0 ? 0.1 : 0), talkSeconds: outcome == .answered ? Double(60 + index % 300) : nil)
        }
    }

    /// Requests open (or, for the same index, closed: completed with a cost of whole eighths, so that every sum is exact
    /// in any order), every other one at L01, some without a customer.
    static func requests(_ prefix: String, _ n: Int, closed: Bool = false) -> [ServiceRequest] {
        (0..<n).map { index in
            let submitted = Date(timeIntervalSince1970: 1_772_000_000 + Double(index) * 7_200)
            return ServiceRequest(
                id: "\(prefix)\(index)", service: index % 3 == 0 ? "SV1" : "SV2", location: index % 2 == 0 ? "L01" : nil,
                channel: index % 4 == 0 ? .callCenter : .web, customer: index % 5 == 0 ? nil : "C\(index % 11)", submittedAt: submitted,
                status: closed ? .completed : .open, closedAt: closed ? submitted.addingTimeInterval(86_400) : nil,
                cost: closed ? Double(index % 7) * 12.5 : nil)
        }
    }

    /// Agents A0-A2 handling, available and on a break in turn, quarter-hour intervals (every sum exact in any order).
    static func agentStates(_ n: Int, from: Double) -> [AgentStateInterval] {
        (0..<n).map { index in
            let start = Date(timeIntervalSince1970: 1_772_000_000 + from + Double(index) * 900)
            return AgentStateInterval(
                agent: "A\(index % 3)", state: [AgentState.handling, .available, .wrap, .aux][index % 4], start: start, end: start.addingTimeInterval(900))
        }
    }

    static func store(_ database: AppDatabase, feedback: [Feedback], calls: [Interaction]) async throws {
        _ = try await database.feedback.insert(feedback, createMissingReferences: true)
        _ = try await database.interactions.insert(calls, createMissingReferences: true)
    }

    /// NPS by location and channel, and the contact KPIs by queue and agent, of two engines, equal.
    static func expectSameFigures(_ a: Analytics, _ b: Analytics, _ context: String) async throws {
        #expect(try await a.count() == b.count(), "\(context)")
        #expect(await a.interactionCount == b.interactionCount, "\(context)")
        for groupBy in [[GroupDimension.location], [.channel], [.region]] {
            let (x, y) = (try await a.report(.nps, FeedbackQuery(groupBy: groupBy), minimumN: 1), try await b.report(.nps, FeedbackQuery(groupBy: groupBy), minimumN: 1))
            #expect(x.overall == y.overall && x.groups == y.groups, "\(context): NPS by \(groupBy)")
        }
        let parser = CallMetricQueryParser(timeZone: zone)
        for parameters in [["metric": "sl", "by": "queue"], ["metric": "aht", "by": "agent"], ["metric": "fcr"], ["metric": "abandonment", "by": "month"]] {
            let query = try parser.parse(parameters)
            let (x, y) = (await a.report(query, minimumN: 1), await b.report(query, minimumN: 1))
            #expect(x.overall == y.overall && x.groups == y.groups, "\(context): \(parameters)")
        }
        #expect(await a.requestCount == b.requestCount, "\(context)")
        let kpis = PublicServiceQueryParser(timeZone: zone)
        for parameters in [
            ["metric": "completion", "by": "service"], ["metric": "cost_per_service", "by": "month"], ["metric": "online_share", "by": "location"],
            ["metric": "platform_users", "by": "channel"], ["metric": "contacts_per_request"],
        ] {
            let query = try kpis.parse(parameters)
            let now = Date(timeIntervalSince1970: 1_773_000_000)
            let (x, y) = (try await a.report(query, now: now, minimumN: 1), try await b.report(query, now: now, minimumN: 1))
            #expect(x.overall == y.overall && x.groups == y.groups, "\(context): \(parameters)")
        }
        for parameters in [["metric": "occupancy", "by": "agent"], ["metric": "utilisation", "by": "day"]] {
            let query = try kpis.parse(parameters)
            let (x, y) = (try await a.report(query, minimumN: 1), try await b.report(query, minimumN: 1))
            #expect(x.overall == y.overall && x.groups == y.groups && x.notes == y.notes, "\(context): \(parameters)")
        }
    }

    @Test(arguments: SliceEngine.available)
    func aSnapshotAndTheFactsAfterItGiveTheStoresFigures(engine: SliceEngine) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-snapshot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = AnalyticsSnapshotFile(url: directory.appendingPathComponent("engine.analytics"))
        try await engine.withDatabase { database in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L01", name: "Тверская", region: "R1"))
            try await Self.store(database, feedback: Self.feedback("a", 400), calls: Self.calls("a", 300))
            _ = try await database.process.insert(Self.requests("ra", 40), createMissingReferences: true)
            _ = try await database.process.insert(Self.agentStates(200, from: 0), createMissingReferences: true)

            let first = Analytics(timeZone: Self.zone)
            let loaded = try await first.load(from: database, logger: Self.logger, snapshot: file)
            #expect(await first.loadedFromSnapshot == nil, "no snapshot yet: loaded from the store")
            let written = try #require(try await file.write(first, database: database))
            #expect(written.position == loaded && written.bytes > 400 * FeedbackTable.bytesPerRecord)

            // Written after the snapshot, by anyone: feedback, contacts (one arriving before all others), a new region.
            try await Self.store(database, feedback: Self.feedback("b", 150), calls: Self.calls("b", 120))
            // Requests after it: new ones, and ten held in the snapshot closed (the feed carries them as they stand now).
            _ = try await database.process.insert(Self.requests("rb", 15), createMissingReferences: true)
            _ = try await database.process.insert(Self.requests("ra", 10, closed: true), createMissingReferences: true)
            _ = try await database.process.insert(Self.agentStates(30, from: 200 * 900), createMissingReferences: true)
            try await database.reference.save(Region(code: "R2", name: "Север"))
            try await database.reference.save(Location(code: "L02", name: "Office Two", region: "R2"))
            try await Self.store(database, feedback: [], calls: [Interaction(
                id: "early", channel: .callCenter, queue: "PS", customer: "C1", topic: "card", arrivedAt: Date(timeIntervalSince1970: 1_771_000_000),
                outcome: .answered, waitSeconds: 3, talkSeconds: 50)])

            let restarted = Analytics(timeZone: Self.zone)
            let head = try await restarted.load(from: database, logger: Self.logger, snapshot: file)
            let from = try #require(await restarted.loadedFromSnapshot, "started from the snapshot")
            #expect(from.position == written.position && from.facts == 150 + 120 + 1 + 15 + 10 + 30, "requests and agent states from the snapshot and the feed")
            #expect(await restarted.requestCount == 55, "a closed request replaces the one held")
            let completion = try await restarted.report(try PublicServiceQueryParser(timeZone: Self.zone).parse(["metric": "completion"]), minimumN: 1)
            #expect(completion.overall.n == 55 && completion.overall.value == 100.0 * 10 / 55)
            let storeHead = try await database.feed.head()
            let enginePosition = await restarted.position
            #expect(head == storeHead && enginePosition == head)
            let rebuilt = Analytics(timeZone: Self.zone)
            try await rebuilt.load(from: database, logger: Self.logger)
            try await Self.expectSameFigures(restarted, rebuilt, "\(engine): snapshot + feed against the store")

            // The same file read by an engine in another time zone (the organisation's changed): loaded from the store.
            let elsewhere = Analytics(timeZone: TimeZone(identifier: "Asia/Yekaterinburg")!)
            try await elsewhere.load(from: database, logger: Self.logger, snapshot: file)
            #expect(await elsewhere.loadedFromSnapshot == nil)

            // A damaged file: loaded from the store, same figures.
            var bytes = try Data(contentsOf: file.url)
            bytes.removeLast(9)
            try bytes.write(to: file.url)
            let afterDamage = Analytics(timeZone: Self.zone)
            try await afterDamage.load(from: database, logger: Self.logger, snapshot: file)
            #expect(await afterDamage.loadedFromSnapshot == nil)
            try await Self.expectSameFigures(afterDamage, rebuilt, "\(engine): after a damaged snapshot")
            #expect(try await file.write(afterDamage, database: database) != nil)
        }
        // Another store (a backup restored, a database made anew) with as many events: the snapshot is not used.
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L01", name: "Тверская"))
            try await Self.store(database, feedback: Self.feedback("c", 10), calls: Self.calls("c", 10))
            for round in 0..<3 { try await Self.store(database, feedback: Self.feedback("d\(round)-", 1), calls: []) }
            let other = Analytics(timeZone: Self.zone)
            try await other.load(from: database, logger: Self.logger, snapshot: file)
            #expect(await other.loadedFromSnapshot == nil)
            #expect(try await other.count() == 13)
        }
    }

    @Test func theFileSitsBesideAnSQLiteStoreOnly() {
        #expect(AnalyticsSnapshotFile.beside(databaseURL: "sqlite:/var/lib/otklik/otklik.sqlite")?.url.path == "/var/lib/otklik/otklik.sqlite.analytics")
        #expect(AnalyticsSnapshotFile.beside(databaseURL: "otklik.sqlite")?.url.lastPathComponent == "otklik.sqlite.analytics")
        #expect(AnalyticsSnapshotFile.beside(databaseURL: "postgres://otklik@127.0.0.1/otklik") == nil)
        #expect(AnalyticsSnapshotFile.beside(databaseURL: "sqlite::memory:") == nil)
    }
}
