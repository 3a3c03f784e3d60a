import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikClickHouse
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// A server whose feedback metrics are answered by ClickHouse (`otklik.analytics = clickhouse`), beside one on the
/// embedded engine given the same writes: the API's figures agree within a second of a write through the API and of
/// an import by another process; a stretch of the feed delivered again is counted once; an erasure leaves ClickHouse
/// with no trace of the customer and the figures as they were. Runs when `OTKLIK_TEST_CLICKHOUSE_URL` names a server
/// (scripts/test starts ClickHouse 18.16 on 127.0.0.1).
@Suite(
    .enabled(
        if: ProcessInfo.processInfo.environment["OTKLIK_TEST_CLICKHOUSE_URL"] != nil,
        "OTKLIK_TEST_CLICKHOUSE_URL is not set: no ClickHouse to test against (scripts/test starts one on 127.0.0.1)"))
struct ClickHouseServerTests {
    static let url = ProcessInfo.processInfo.environment["OTKLIK_TEST_CLICKHOUSE_URL"]

    /// A database of its own for each test, dropped at the end.
    static func address() throws -> ClickHouseAddress {
        let database = "otklik_srv_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        return try ClickHouseAddress(url: url! + "/?database=\(database)")
    }

    /// The embedded server and the ClickHouse one, both listening on 127.0.0.1 with their background loops running.
    static func withServers(
        _ body: @Sendable (_ embedded: (TestApp, any TestClientProtocol), _ clickHouse: (TestApp, any TestClientProtocol), ClickHouseAddress) async throws -> Void
    ) async throws {
        let address = try address()
        let embedded = try await TestApp.make(minimumN: 1)
        let clickHouse = try await TestApp.make(minimumN: 1, analytics: .clickhouse(address))
        do {
            try await embedded.app.buildApplication().test(.live) { embeddedClient in
                try await clickHouse.app.buildApplication().test(.live) { clickHouseClient in
                    try await body((embedded, embeddedClient), (clickHouse, clickHouseClient), address)
                }
            }
        } catch {
            try? await ClickHouseConnection(address: address).execute("DROP DATABASE IF EXISTS \(address.database)")
            try? await embedded.close()
            try? await clickHouse.close()
            throw error
        }
        try await ClickHouseConnection(address: address).execute("DROP DATABASE \(address.database)")
        try await embedded.close()
        try await clickHouse.close()
    }

    /// count, NPS and its n, as `GET /api/v1/metrics` answers them overall.
    struct Figures: Equatable, CustomStringConvertible {
        var count: Double?
        var nps: Double?
        var npsN: Int?
        var description: String { "count \(count.map { "\($0)" } ?? "-"), NPS \(nps.map { "\($0)" } ?? "-") (n \(npsN ?? -1))" }
    }

    static func figures(_ test: TestApp, _ client: any TestClientProtocol) async throws -> Figures {
        var figures = Figures()
        try await client.execute(uri: "/api/v1/metrics?metric=count", method: .get, headers: test.auth) { response in
            #expect(response.status == .ok)
            figures.count = (response.json["overall"] as? [String: Any])?["value"] as? Double
        }
        try await client.execute(uri: "/api/v1/metrics?metric=nps", method: .get, headers: test.auth) { response in
            let overall = response.json["overall"] as? [String: Any]
            figures.nps = overall?["value"] as? Double
            figures.npsN = overall?["n"] as? Int
        }
        return figures
    }

    /// Polls both servers until each shows `expected`, for at most `limit` after `since`; returns what each showed last.
    static func awaitFigures(
        _ expected: Figures, embedded: (TestApp, any TestClientProtocol), clickHouse: (TestApp, any TestClientProtocol),
        since: ContinuousClock.Instant, limit: Duration
    ) async throws -> (embedded: Figures, clickHouse: Figures, elapsed: Duration) {
        var last = (Figures(), Figures())
        repeat {
            last = (try await figures(embedded.0, embedded.1), try await figures(clickHouse.0, clickHouse.1))
            if last.0 == expected && last.1 == expected { break }
            try await Task.sleep(for: .milliseconds(25))
        } while ContinuousClock.now - since < limit
        return (last.0, last.1, ContinuousClock.now - since)
    }

    static func item(_ id: String, nps: Int?, location: String = "L01", extra: [String: Any] = [:]) -> [String: Any] {
        var item: [String: Any] = ["id": id, "channel": "terminal", "kind": "informative", "location": location]
        if let nps { item["nps"] = nps }
        return item.merging(extra) { _, new in new }
    }

    @Test func figuresEqualTheEmbeddedServersWithinASecondOfAWriteAndOfAnImport() async throws {
        try await Self.withServers { embedded, clickHouse, _ in
            // Six scores and a press without one: promoters 10, 9; passives 8, 7; detractors 3, 0 → NPS (2 − 2) / 6 = 0.
            let items = [
                Self.item("w1", nps: 10), Self.item("w2", nps: 9), Self.item("w3", nps: 8), Self.item("w4", nps: 7, location: "L02"),
                Self.item("w5", nps: 3, location: "L02"), Self.item("w6", nps: 0), Self.item("w7", nps: nil, extra: ["button": "positive"]),
            ]
            for (test, client) in [embedded, clickHouse] {
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
                    #expect($0.status == .created)
                }
            }
            let written = ContinuousClock.now
            // The writer reads its own write: the ClickHouse server sent the facts before it answered.
            #expect(try await Self.figures(clickHouse.0, clickHouse.1) == Figures(count: 7, nps: 0, npsN: 6))
            let afterWrite = try await Self.awaitFigures(
                Figures(count: 7, nps: 0, npsN: 6), embedded: embedded, clickHouse: clickHouse, since: written, limit: .seconds(1))
            #expect(afterWrite.clickHouse == afterWrite.embedded, "\(afterWrite)")

            // An import by another process (as `otklik import` does): 4 more promoters, written to each store directly.
            // NPS = (6 − 2) / 10 = 40.
            let imported = (1...4).map {
                Feedback(id: "imp-\($0)", ts: Date().addingTimeInterval(-60), channel: .terminal, kind: .informative, location: "L01", nps: 10)
            }
            var logger = Logger(label: "other-process")
            logger.logLevel = .warning
            var importedAt = ContinuousClock.now
            for (test, _) in [embedded, clickHouse] {
                let other = try await AppDatabase.open(test.app.configuration.databaseURL, logger: logger)
                _ = try await other.feedback.insert(imported, createMissingReferences: false)
                try await other.close()
                importedAt = ContinuousClock.now
            }
            let afterImport = try await Self.awaitFigures(
                Figures(count: 11, nps: 40, npsN: 10), embedded: embedded, clickHouse: clickHouse, since: importedAt, limit: .seconds(1))
            #expect(afterImport.embedded == Figures(count: 11, nps: 40, npsN: 10), "\(afterImport)")
            #expect(afterImport.clickHouse == afterImport.embedded, "within a second of the import: \(afterImport)")

            // /health names the engine and lists the consumer with no lag.
            try await clickHouse.1.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.json["analytics"] as? String == "clickhouse")
                #expect(response.json["analytics_records"] as? Int == 11)
                let consumer = (response.json["consumers"] as? [[String: Any]])?.first { $0["name"] as? String == "clickhouse" }
                #expect(consumer?["lag_events"] as? Int == 0)
                #expect(consumer?["failing"] as? Bool == false)
            }
            try await embedded.1.execute(uri: "/health", method: .get) { response in
                #expect(response.json["analytics"] as? String == "embedded")
                #expect((response.json["consumers"] as? [[String: Any]])?.contains { $0["name"] as? String == "clickhouse" } == false)
            }
            // Grouped figures agree too (by location, the region's name, the day).
            for query in ["metric=nps&by=location", "metric=count&by=region", "metric=nps&by=day"] {
                let answers = try await [embedded, clickHouse].asyncMap { test, client in
                    try await client.execute(uri: "/api/v1/metrics?\(query)", method: .get, headers: test.auth) {
                        ($0.json["groups"] as? [[String: Any]] ?? []).map { "\($0["key"] ?? "")=\($0["value"] ?? "")/\($0["n"] ?? "")" }
                    }
                }
                #expect(!answers[0].isEmpty)
                #expect(answers[0] == answers[1], "\(query)")
            }
        }
    }

    @Test func aStretchDeliveredAgainIsCountedOnce() async throws {
        try await Self.withServers { _, clickHouse, address in
            let (test, client) = clickHouse
            let items = (1...5).map { Self.item("r\($0)", nps: 10) } + [Self.item("r6", nps: 0)]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
                #expect($0.status == .created)
            }
            let export = try #require(test.app.clickHouseExport)
            try await export.catchUp()
            let connection = ClickHouseConnection(address: address)
            let table = "\(address.database).\(OtklikApp.clickHouseTable)"
            // No background merge may fold the copies before they are counted.
            try await connection.execute("SYSTEM STOP MERGES \(table)")
            func rows(_ final: Bool) async throws -> Int {
                Int(try await connection.execute("SELECT count() FROM \(table)\(final ? " FINAL" : "") FORMAT TabSeparated")
                    .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
            }
            #expect(try await rows(false) == 6)

            // The consumer stopped after sending and before its position moved: the stretch is sent again.
            try await test.app.database.sql.execute("UPDATE feed_consumers SET position = 0 WHERE name = 'clickhouse'")
            try await export.catchUp()
            // A first start again (the position forgotten): everything is copied again.
            try await test.app.database.sql.execute("DELETE FROM feed_consumers WHERE name = 'clickhouse'")
            try await export.catchUp()
            #expect(try await rows(false) == 18, "each record was sent three times")
            #expect(try await rows(true) == 6)
            #expect(try await Self.figures(test, client) == Figures(count: 6, nps: 100.0 * 4 / 6, npsN: 6))
            try await connection.execute("SYSTEM START MERGES \(table)")
        }
    }

    @Test func anErasureLeavesNoTraceInClickHouseAndTheFiguresAsTheyWere() async throws {
        try await Self.withServers { embedded, clickHouse, address in
            let contact = "+7 916 555-01-02"
            let items = [
                Self.item("e1", nps: 2, extra: ["customer": "CUST-ERASE-77", "comment": "Долго ждал", "contact": contact]),
                Self.item("e2", nps: 9, extra: ["customer": "CUST-ERASE-77"]),
                Self.item("e3", nps: 10),
            ]
            for (test, client) in [embedded, clickHouse] {
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
                    #expect($0.status == .created)
                }
            }
            let before = try await Self.figures(clickHouse.0, clickHouse.1)
            #expect(before == Figures(count: 3, nps: 100.0 / 3, npsN: 3))
            for (test, client) in [embedded, clickHouse] {
                let customer = try #require(try await test.app.database.sql.query("SELECT customer_id FROM feedback WHERE id = 'e2'").first?.text("customer_id"))
                try await client.execute(uri: "/api/v1/customers/\(customer)/erase", method: .post, headers: test.auth) {
                    #expect($0.status == .ok)
                }
            }
            let export = try #require(clickHouse.0.app.clickHouseExport)
            try await export.catchUp()
            let dump = try await ClickHouseConnection(address: address).execute(
                "SELECT * FROM \(address.database).\(OtklikApp.clickHouseTable) FINAL FORMAT TSVWithNames")
            let customerID = try await clickHouse.0.app.database.sql.query("SELECT customer_id FROM feedback WHERE id = 'e1'").first?.text("customer_id")
            for trace in [contact, "555-01-02", "CUST-ERASE-77", "Долго ждал", customerID].compactMap({ $0 }) {
                #expect(!dump.contains(trace), "\(trace) in ClickHouse")
            }
            #expect(dump.contains("e1"), "the anonymous record stays")
            let after = try await Self.figures(clickHouse.0, clickHouse.1)
            #expect(after == before, "an erasure keeps the anonymous figures")
            #expect(after == (try await Self.figures(embedded.0, embedded.1)))
        }
    }
}

/// A ClickHouse that cannot be used stops the start with a reason naming the key, and its password never shows.
@Suite struct ClickHouseConfigurationTests {
    @Test func aMalformedAddressOrChoiceIsRefusedNamingTheKey() throws {
        func refusal(_ environment: [String: String]) -> String? {
            do {
                _ = try AppConfiguration(overrides: [:], environment: environment)
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(try AppConfiguration(overrides: [:], environment: [:]).analytics == .embedded)
        #expect(refusal(["OTKLIK_ANALYTICS": "duckdb"])?.hasPrefix("configuration otklik.analytics:") == true)
        #expect(refusal(["OTKLIK_ANALYTICS": "clickhouse"])?.hasPrefix("configuration otklik.clickhouse.url:") == true)
        let ftp = refusal(["OTKLIK_ANALYTICS": "clickhouse", "OTKLIK_CLICKHOUSE_URL": "ftp://u:Sup3rSecret@host:8123"])
        #expect(ftp?.hasPrefix("configuration otklik.clickhouse.url:") == true)
        #expect(ftp?.contains("Sup3rSecret") == false)
        let badName = refusal(["OTKLIK_ANALYTICS": "clickhouse", "OTKLIK_CLICKHOUSE_URL": "http://h:8123/?database=a;drop"])
        #expect(badName?.contains("a;drop") == true)
        let configuration = try AppConfiguration(
            overrides: ["otklik.analytics": "clickhouse"],
            environment: [
                "OTKLIK_CLICKHOUSE_URL": "http://reader:InUrl@127.0.0.1:9123/?database=cx", "OTKLIK_CLICKHOUSE_PASSWORD": "Sep@rate",
            ])
        guard case .clickhouse(let address) = configuration.analytics else {
            Issue.record("not clickhouse")
            return
        }
        #expect(address == (try ClickHouseAddress(url: "http://127.0.0.1:9123/?database=cx", user: "reader", password: "Sep@rate")))
        #expect(address.redacted == "http://127.0.0.1:9123/?database=cx")
        let redacted = configuration.redaction.redact("user reader password Sep@rate; " + Data("reader:Sep@rate".utf8).base64EncodedString())
        #expect(!redacted.contains("Sep@rate") && !redacted.contains(Data("reader:Sep@rate".utf8).base64EncodedString()))
    }

    @Test func anUnreachableClickHouseStopsTheStartNamingTheKey() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-ch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var configuration = AppConfiguration(databaseURL: "sqlite:\(directory.path)/test.sqlite")
        // Port 1 on loopback: nothing listens there.
        configuration.analytics = .clickhouse(try ClickHouseAddress(url: "http://default:NotLogged@127.0.0.1:1/?database=x"))
        var logger = Logger(label: "otklik-test")
        logger.logLevel = .critical
        do {
            _ = try await OtklikApp.open(configuration, logger: logger, hasher: PasswordHasher(cost: 4))
            Issue.record("the server started without ClickHouse")
        } catch {
            let text = "\(error)"
            #expect(text.hasPrefix("configuration otklik.clickhouse.url: ClickHouse at http://127.0.0.1:1/?database=x cannot be used"), "\(text)")
            #expect(!text.contains("NotLogged"))
        }
    }
}

extension Array {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
