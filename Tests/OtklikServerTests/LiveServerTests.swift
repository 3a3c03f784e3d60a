import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikCore
import OtklikStore
import Testing

/// One test over a real socket: the server listens on 127.0.0.1 and answers HTTP.
@Suite struct LiveServerTests {
    @Test func realServerTakesFeedbackAndAnswersMetrics() async throws {
        let test = try await TestApp.make(minimumN: 1)
        do {
            try await test.app.buildApplication().test(.live) { client in
                try await client.execute(uri: "/health", method: .get) { #expect($0.status == .ok) }
                let body = jsonBody(["id": "live-1", "channel": "terminal", "location": "L01", "nps": 9, "csat": 5])
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: body) { #expect($0.status == .created) }
                try await client.execute(uri: "/api/v1/metrics?metric=csat&by=region", method: .get, headers: test.auth) { response in
                    let groups = response.json["groups"] as? [[String: Any]] ?? []
                    #expect((groups.first?["key"] as? [String: String]) == ["region": "R1"])
                    #expect(groups.first?["value"] as? Double == 100)
                }
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// Reference data another process changes (a second server, `otklik calendar import`) reaches this server's
    /// figures through the change feed too: a location moved to another region is counted there without a restart.
    @Test func referenceChangesOfAnotherProcessReachTheFigures() async throws {
        let test = try await TestApp.make(minimumN: 1)
        do {
            try await test.app.buildApplication().test(.live) { client in
                let body = jsonBody(["id": "ref-1", "channel": "terminal", "location": "L01", "nps": 9])
                try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: body) { #expect($0.status == .created) }
                func regions() async throws -> [String] {
                    try await client.execute(uri: "/api/v1/metrics?metric=nps&by=region", method: .get, headers: test.auth) { response in
                        (response.json["groups"] as? [[String: Any]] ?? []).compactMap { ($0["key"] as? [String: String])?["region"] }
                    }
                }
                #expect(try await regions() == ["R1"])
                var logger = Logger(label: "other-process")
                logger.logLevel = .warning
                let other = try await AppDatabase.open(test.app.configuration.databaseURL, logger: logger)
                try await other.reference.save(Region(code: "R2", name: "Казань"))
                try await other.reference.save(Location(code: "L01", name: "Офис на Тверской", region: "R2"))
                try await other.close()
                let written = ContinuousClock.now
                var seen: [String] = []
                while seen != ["R2"], ContinuousClock.now - written < .seconds(10) {
                    seen = try await regions()
                    if seen != ["R2"] { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(seen == ["R2"], "the move reached the engine through the feed")
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }

    /// Rows another process writes (an import, a second server) reach this server's figures through the change feed
    /// without a restart; `/health` shows the feed's head and the engine's lag. The one-second promise is measured by
    /// `Tests/cluster/test_import_while_serving.py` against a real server process: here dozens of parallel suites share
    /// two cores, so this test only bounds it (the background loop runs every 250 ms).
    @Test func writesOfAnotherProcessReachTheFiguresWithoutARestart() async throws {
        let test = try await TestApp.make(minimumN: 1)
        do {
            try await test.app.buildApplication().test(.live) { client in
                var logger = Logger(label: "other-process")
                logger.logLevel = .warning
                let other = try await AppDatabase.open(test.app.configuration.databaseURL, logger: logger)
                let before = try await other.feed.head()
                let items = (0..<51).map { Feedback(id: "imp-\($0)", ts: Date().addingTimeInterval(-60), channel: .terminal, kind: .informative, location: "L01", nps: 9) }
                _ = try await other.feedback.insert(items, createMissingReferences: false)
                try await other.close()
                let written = ContinuousClock.now
                var count = 0.0
                while count < 51, ContinuousClock.now - written < .seconds(10) {
                    try await client.execute(uri: "/api/v1/metrics?metric=count", method: .get, headers: test.auth) { response in
                        count = ((response.json["overall"] as? [String: Any])?["value"] as? Double) ?? 0
                    }
                    if count < 51 { try await Task.sleep(for: .milliseconds(50)) }
                }
                #expect(count == 51)
                #expect(ContinuousClock.now - written < .seconds(5), "seen by the background loop, not at a restart")
                try await client.execute(uri: "/health", method: .get) { response in
                    let head = (response.json["feed"] as? [String: Any])?["head"] as? Int
                    let consumer = (response.json["consumers"] as? [[String: Any]])?.first
                    #expect(head == Int(before) + 1, "the import is one event after the test's reference data")
                    #expect(consumer?["name"] as? String == "analytics")
                    #expect(consumer?["position"] as? Int == head)
                    #expect(consumer?["lag_events"] as? Int == 0)
                    #expect(consumer?["failing"] as? Bool == false)
                }
            }
            try await test.close()
        } catch {
            try? await test.close()
            throw error
        }
    }
}
