import Foundation
import Logging
import OtklikApplication
import OtklikCore
import OtklikMetrics
@testable import OtklikServer
import OtklikStore
import OtklikTestSupport
import Testing

/// A segment as a slice of the feedback metrics (issue 18 item 7), on both engines: a population small enough to know by
/// hand who is in each segment and every NPS answer of theirs. The figures (value, n, adjusted-Wald interval) are the
/// metric's own over the members' records — the interval checked against a short Python computation
/// (`z = scipy.stats.norm.ppf(0.975)`, n̂ = n + 3, p̂ = (P + 0.75)/n̂, d̂ = (D + 0.75)/n̂, half = z·√((p̂ + d̂ − (p̂ − d̂)²)/n̂)):
/// buyers (P 2, D 4, n 7) −28.5714 [−72.2249; 32.2249]; complainers and buyers at L2 (P 0, D 3, n 4) −75 [−93.0558; 7.3415].
@Suite struct SegmentSliceTests {
    static let now = Date()
    static func ago(_ days: Double) -> Date { now.addingTimeInterval(-days * 86_400) }

    static let segments = [
        Segment(code: "buyers", nameRu: "Покупатели", nameEn: "Buyers", rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(2))]),
        Segment(code: "complainers", nameRu: "Жаловались", nameEn: "Complained", rules: [SegmentRule(attribute: .complaints, op: .gte, value: .number(1))]),
        Segment(code: "none", nameRu: "Никто", nameEn: "Nobody", rules: [SegmentRule(attribute: .purchases, op: .gte, value: .number(100))]),
    ]

    /// C1 and C2 buy at least twice (buyers), C3 once; C2 and the customer behind the phone +79001112233 (linked by the
    /// phone alone, so only the store's customer_id names them) complained; the customer behind +79005550000 is merged
    /// into C1 after the engine read their record.
    static func population(_ database: AppDatabase) async throws {
        _ = try await database.transactions.insert([
            Transaction(id: "t1", ts: ago(40), customer: "C1", amount: 100), Transaction(id: "t2", ts: ago(20), customer: "C1", amount: 50),
            Transaction(id: "t3", ts: ago(30), customer: "C2", amount: 10), Transaction(id: "t4", ts: ago(25), customer: "C2", amount: 10),
            Transaction(id: "t5", ts: ago(5), customer: "C2", amount: 10), Transaction(id: "t6", ts: ago(5), customer: "C3", amount: 500),
        ], createMissingReferences: true)
        func item(_ id: String, _ days: Double, _ location: String, customer: String? = nil, contact: String? = nil, kind: FeedbackKind = .informative,
                  nps: Int?, csat: Int? = nil) -> Feedback {
            Feedback(id: id, ts: ago(days), channel: .web, kind: kind, location: location, customer: customer, nps: nps, csat: csat,
                     comment: kind == .complaint ? "долго ждал в очереди" : nil, contact: contact)
        }
        _ = try await database.feedback.insert([
            item("f1", 10, "L1", customer: "C1", nps: 10, csat: 5), item("f2", 9, "L1", customer: "C1", nps: 9), item("f3", 8, "L2", customer: "C1", nps: 3),
            item("f4", 7, "L2", customer: "C2", nps: 0, csat: 2), item("f5", 6, "L2", customer: "C2", nps: 8),
            item("f6", 5, "L2", customer: "C2", kind: .complaint, nps: 2),
            item("f7", 4, "L1", customer: "C3", nps: 10), item("f8", 3, "L1", nps: 10),
            item("f9", 2, "L1", contact: "+79001112233", kind: .complaint, nps: 1), item("f10", 1, "L1", contact: "+79005550000", nps: 6),
        ], untimed: [], createMissingReferences: true)
        try await database.segments.define(segments, now: now)
    }

    static func metrics(_ database: AppDatabase) async throws -> (SegmentMetrics, Analytics) {
        let analytics = Analytics(timeZone: TimeZone(identifier: "UTC")!)
        try await analytics.load(from: database, logger: SliceEngine.logger, parts: .feedback)
        let segments = CustomerSegments(
            database: database, churn: ChurnModelCache(database: database), values: CustomerValueModel(database: database), minimumSize: 2)
        return (SegmentMetrics(analytics: analytics, slicer: SegmentSlicer(segments: segments, repository: database.segments)), analytics)
    }

    static func expect(_ value: MetricValue, _ expected: Double, _ low: Double, _ high: Double, n: Int, _ comment: Comment) {
        #expect(abs((value.value ?? .nan) - expected) < 0.0001, comment)
        #expect(abs((value.ciLow ?? .nan) - low) < 0.0001 && abs((value.ciHigh ?? .nan) - high) < 0.0001, comment)
        #expect(value.n == n && !value.insufficient, comment)
    }

    @Test(arguments: SliceEngine.available)
    func handComputedFiguresOfEachSegment(engine: SliceEngine) async throws {
        try await engine.withDatabase { database in
            try await Self.population(database)
            let (metrics, analytics) = try await Self.metrics(database)
            // The engine holds each record's stored customer: the phone-only customers by their derived ids.
            let phoneOf = { (id: String) in try await database.sql.query("SELECT customer_id FROM feedback WHERE id = ?", [.text(id)]).first?.text("customer_id") }
            let merged = try #require(try await phoneOf("f10"))
            #expect(try await phoneOf("f9")?.hasPrefix("cus_") == true && merged.hasPrefix("cus_"))
            // Merged after the engine read f10 under its own customer: it counts with C1 from now on.
            _ = try await SQLCustomerMergeJournal(database: database.sql).merge(survivor: "C1", absorbed: merged, evidence: ["test": "same person"], actor: "test")

            // buyers = {C1 (+ the merged customer), C2}: NPS answers 10, 9, 3, 6 and 0, 8, 2 → P 2, D 4, n 7.
            let buyers = try await metrics.report(["metric": "nps", "segment": "buyers"], scope: nil, minimumN: 1)
            Self.expect(buyers.overall, -28.5714, -72.2249, 32.2249, n: 7, "buyers")
            let reported = try #require(buyers.segment)
            #expect(reported.code == "buyers" && reported.customers == 2 && reported.shown && reported.withheld == nil && reported.minimumSize == 2)
            #expect(buyers.definition.contains("promoters"), "the metric's own definition")
            // Over all time the slice equals the /segments figure, computed apart (SQL profiles, ``FeedbackFigures``).
            let segments = CustomerSegments(
                database: database, churn: ChurnModelCache(database: database), values: CustomerValueModel(database: database), minimumSize: 2)
            let figures = try #require(try await segments.evaluate(code: "buyers").figures.nps)
            #expect(figures.n == buyers.overall.n && abs(figures.value - (buyers.overall.value ?? .nan)) < 1e-9)
            #expect(abs((figures.low ?? .nan) - (buyers.overall.ciLow ?? .nan)) < 1e-9 && abs((figures.high ?? .nan) - (buyers.overall.ciHigh ?? .nan)) < 1e-9)
            // complainers = {C2, the +79001112233 customer}: 0, 8, 2 and 1 → P 0, D 3, n 4.
            let complainers = try await metrics.report(["metric": "nps", "segment": "complainers"], scope: nil, minimumN: 1)
            Self.expect(complainers.overall, -75, -93.0558, 7.3415, n: 4, "complainers")
            // CSAT of buyers: 5 and 2 → 1 of 2 top-2-box (Wilson [9.4531; 90.5469] % by the same Python check).
            let csat = try await metrics.report(["metric": "csat", "segment": "buyers"], scope: nil, minimumN: 1)
            #expect(csat.overall.n == 2 && abs((csat.overall.value ?? 0) - 50) < 0.0001, "\(csat.overall)")
            // Other filters intersect: buyers in January of last year had no record.
            let none = try await metrics.report(["metric": "nps", "segment": "buyers", "to": "2020-01-01"], scope: nil, minimumN: 1)
            #expect(none.overall.n == 0 && none.segment?.shown == true)

            // Under the minimum size: no figure, the reason said, the membership date given.
            let nobody = try await metrics.report(["metric": "nps", "segment": "none"], scope: nil, minimumN: 1)
            #expect(nobody.overall.value == nil && nobody.overall.n == 0 && nobody.groups.isEmpty)
            #expect(nobody.segment?.shown == false && nobody.segment?.withheld == "too few customers to show figures: 0 < 2")
            #expect(ISO8601DateFormatter().date(from: nobody.segment?.membersAsOf ?? "") != nil)

            // by=segment: one row per segment at or above the minimum size, the others suppressed with the reason.
            let bySegment = try await metrics.report(["metric": "nps", "by": "segment"], scope: nil, minimumN: 1)
            #expect(bySegment.dimensions == ["segment"] && bySegment.groups.map { $0.key["segment"] } == ["buyers", "complainers"])
            Self.expect(bySegment.groups[0].value, -28.5714, -72.2249, 32.2249, n: 7, "by=segment buyers")
            Self.expect(bySegment.groups[1].value, -75, -93.0558, 7.3415, n: 4, "by=segment complainers")
            #expect(bySegment.suppressed == [SuppressedGroup(key: ["segment": "none"], customers: 0, reason: "too few customers to show figures: 0 < 2")])
            #expect(bySegment.overall.n == 10, "the overall is every record, in a segment or not")
            #expect(bySegment.notes.contains("not shown: none — too few customers to show figures: 0 < 2"))
            let byLocation = try await metrics.report(["metric": "count", "by": "segment,location"], scope: nil, minimumN: 1)
            #expect(byLocation.dimensions == ["segment", "location"])
            #expect(byLocation.groups.first { $0.key == ["segment": "buyers", "location": "L2"] }?.value.value == 4)

            // A caller limited to L1: of the buyers only C1 has a record there, under the minimum of 2: withheld.
            let scopedL1 = try await metrics.report(["metric": "nps", "segment": "buyers", "location": "L1"], scope: ["L1"], minimumN: 1)
            #expect(scopedL1.segment?.customersInScope == 1 && scopedL1.segment?.shown == false && scopedL1.overall.value == nil)
            // Limited to L2: C1 and C2 both have records there; the figure is of their L2 records: 3, 0, 8, 2.
            let scopedL2 = try await metrics.report(["metric": "nps", "segment": "buyers", "location": "L2"], scope: ["L2"], minimumN: 1)
            Self.expect(scopedL2.overall, -75, -93.0558, 7.3415, n: 4, "buyers at L2")

            // The engine's answer is the reference computation's on the same facts (``FeedbackQuery/matches``).
            let tallies = try await analytics.tally(FeedbackQuery(customers: ["C1", merged, "C2"], groupBy: [.location]))
            #expect(tallies.overall.npsN == 7 && tallies.groups.map(\.tally.npsN) == [3, 4])
            #expect(try await analytics.tally(FeedbackQuery(customers: [])).overall.count == 0, "an empty set of customers matches nothing")

            // Refusals name the field.
            await #expect(throws: OtklikError.self) { _ = try await metrics.report(["metric": "nps", "segment": "nope"], scope: nil, minimumN: 1) }
            do {
                _ = try await metrics.report(["metric": "nps", "segment": "nope"], scope: nil, minimumN: 1)
            } catch let error as OtklikError {
                #expect(error.field == "segment" && error.message.contains("buyers, complainers, none"), "\(error)")
            }
            do {
                _ = try await metrics.report(["metric": "nps", "segment": "buyers", "by": "segment"], scope: nil, minimumN: 1)
                Issue.record("segment with by=segment was accepted")
            } catch let error as OtklikError {
                #expect(error.field == "by")
            }
        }
    }
}

/// The store engines for this suite (as the store's contract suites run): SQLite always, PostgreSQL when
/// `OTKLIK_TEST_POSTGRES_URL` names a server (required when `CI=true`).
enum SliceEngine: String, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["OTKLIK_TEST_POSTGRES_URL"]
    static var available: [SliceEngine] {
        postgresURL != nil || ProcessInfo.processInfo.environment["CI"] == "true" ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    static let logger: Logger = {
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .warning
        return logger
    }()

    func withDatabase(_ body: (AppDatabase) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-slice-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: directory) }
            try await MigratedTemplate.shared.copySQLite(to: "\(directory.path)/test.sqlite")
            let database = try await AppDatabase.open("sqlite:\(directory.path)/test.sqlite", logger: Self.logger)
            do { try await body(database) } catch {
                try? await database.close()
                throw error
            }
            try await database.close()
        case .postgres:
            let base = try #require(Self.postgresURL, "CI=true but OTKLIK_TEST_POSTGRES_URL is not set")
            let name = "otklik_s_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let template = try await MigratedTemplate.shared.postgresTemplate(baseURL: base)
            let admin = try PostgresDatabase(url: base, logger: Self.logger)
            try await admin.execute("CREATE DATABASE \(name) TEMPLATE \(template)")
            var components = try #require(URLComponents(string: base))
            components.path = "/\(name)"
            do {
                let database = try await AppDatabase.open(try #require(components.string), logger: Self.logger)
                do { try await body(database) } catch {
                    try? await database.close()
                    throw error
                }
                try await database.close()
            } catch {
                try? await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
                try? await admin.close()
                throw error
            }
            try await admin.execute("DROP DATABASE \(name) WITH (FORCE)")
            try await admin.close()
        }
    }
}
