import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// The device API of the loyalty-button consoles, through the HTTP layer.
@Suite struct ButtonConsoleTests {
    static func batch(sentAt: Date = Date(), _ presses: [(Int, TimeInterval, String)]) -> [String: Any] {
        [
            "sent_at": Timestamp.format(sentAt),
            "presses": presses.map { seq, ago, button in ["seq": seq, "at": Timestamp.format(sentAt.addingTimeInterval(-ago)), "button": button] },
        ]
    }

    @Test func consolePressesAreStoredOnceWithTheirOwnTimes() async throws {
        try await TestApp.withRouter { test, client in
            var token = ""
            let device: [String: Any] = ["code": "BTN-1", "kind": "button_console", "location": "L01", "staff": "S01"]
            try await client.execute(uri: "/api/v1/devices", method: .post, headers: test.auth, body: jsonBody(device)) {
                #expect($0.status == .created)
                token = $0.json["token"] as? String ?? ""
            }
            #expect(token.hasPrefix("otd_"))
            try await client.execute(uri: "/api/v1/devices", method: .post, headers: test.auth, body: jsonBody(device)) {
                #expect($0.status == .conflict)
            }
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            // Three presses buffered over the last two days (the console was offline), delivered now.
            let body = Self.batch([(1, 2 * 86_400, "negative"), (2, 3600, "positive"), (3, 60, "neutral")])
            try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(body)) {
                #expect($0.status == .created)
                #expect($0.json["acknowledged"] as? [Int] == [1, 2, 3])
                #expect($0.json["new"] as? Int == 3)
            }
            // The same batch again (the console never saw the answer): absorbed.
            try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(body)) {
                #expect($0.status == .ok)
                #expect($0.json["duplicates"] as? Int == 3)
                #expect($0.json["acknowledged"] as? [Int] == [1, 2, 3])
            }
            let stored = try #require(try await test.app.database.feedback.get(id: "BTN-1.0.1"))
            #expect(stored.button == .negative && stored.kind == .impulse && stored.channel == .button)
            #expect(stored.location == "L01" && stored.staff == "S01" && stored.device == "BTN-1")
            #expect(abs(stored.ts.timeIntervalSinceNow + 2 * 86_400) < 120, "a press keeps the time it happened (two days ago, not the time it arrived)")
            #expect(try await test.app.database.feedback.count() == 3)
            try await client.execute(uri: "/api/v1/metrics?metric=button&location=L01&min_n=1", method: .get, headers: test.auth) {
                #expect(($0.json["overall"] as? [String: Any])?["n"] as? Int == 3, "presses reach the metrics at once")
            }
        }
    }

    @Test func badBatchesAreRefusedWholeAndSkewIsReported() async throws {
        try await TestApp.withRouter { test, client in
            let token = try await test.app.database.devices.register(Device(code: "BTN-2", kind: .buttonConsole, location: "L02"))
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            func post(_ body: [String: Any], headers: HTTPFields = headers) async throws -> TestResponse {
                try await client.execute(uri: "/device/v1/presses", method: .post, headers: headers, body: jsonBody(body)) { $0 }
            }
            let slow = try await post(Self.batch(sentAt: Date().addingTimeInterval(-600), [(1, 10, "positive")]))
            #expect(slow.status == .unprocessableContent)
            #expect(slow.errorField == "sent_at")
            let message = (slow.json["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("behind the server"))
            let listed = try await test.app.database.devices.devices().first { $0.device.code == "BTN-2" }
            #expect(abs((listed?.lastSkewSeconds ?? 0) + 600) < 5, "the measured skew is recorded for the admin")
            var bad = Self.batch([(1, 10, "positive"), (2, 5, "maybe")])
            #expect(try await post(bad).errorField == "presses[1].button")
            bad = Self.batch([(1, 10, "positive"), (1, 5, "negative")])
            #expect(try await post(bad).errorField == "presses[1].seq")
            bad = Self.batch([(1, -120, "positive")])
            #expect(try await post(bad).errorField == "presses[0].at")
            let oversize = Self.batch((0...1000).map { ($0, 1, "positive") })
            #expect(try await post(oversize).status == .contentTooLarge)
            #expect(try await post(Self.batch([(1, 1, "positive")]), headers: [.authorization: "Bearer otd_nope_nope"]).status == .unauthorized)
            #expect(try await test.app.database.feedback.count() == 0, "nothing was half-written")
            try await test.app.database.devices.revoke(code: "BTN-2")
            #expect(try await post(Self.batch([(1, 1, "positive")])).status == .unauthorized)
            // A new token with a sequence reset: the same numbers are new presses in a new epoch.
            let fresh = try await test.app.database.devices.issueToken(code: "BTN-2", resetSequence: true)
            let response = try await post(Self.batch([(1, 1, "positive")]), headers: [.authorization: "Bearer \(fresh)", .contentType: "application/json"])
            #expect(response.status == .created)
            #expect(try await test.app.database.feedback.get(id: "BTN-2.1.1") != nil)
        }
    }
}
