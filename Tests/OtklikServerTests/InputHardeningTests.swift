import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore
import Testing
@testable import OtklikApplication
@testable import OtklikServer

/// Issue 15 item 24: the small input and output holes found by probing.
@Suite struct InputHardeningTests {
    @Test func aControlCharacterInNextNeverReachesLocation() async throws {
        for next in ["/\t/evil.example", "/\n/evil.example", "/%09/x".removingPercentEncoding!, "/ok\r\nSet-Cookie: x=1"] {
            #expect(AuthController.safeNext(next) == "/", "\(next.debugDescription)")
        }
        #expect(AuthController.safeNext("/cases?status=new") == "/cases?status=new")
        try await TestApp.withRouter { _, client in
            try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=manager&password=\(TestApp.password.replacingOccurrences(of: " ", with: "+"))&next=%2F%09%2Fevil.example")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/")
            }
        }
    }

    @Test func theQRTitleIsEscapedInItsAttribute() throws {
        let svg = try QRCode(text: "http://x/q/L01").svg(title: #"L01" onload="alert(1)"#)
        #expect(!svg.contains(#"" onload=""#))
        #expect(svg.contains("aria-label=\"L01&quot; onload=&quot;alert(1)\""))
    }

    @Test func csvExportNeutralisesFormulasButKeepsNumbers() {
        #expect(CSVRowWriter.neutralised("=1+1") == "'=1+1")
        #expect(CSVRowWriter.neutralised("+7 900") == "'+7 900")
        #expect(CSVRowWriter.neutralised("-cmd") == "'-cmd")
        #expect(CSVRowWriter.neutralised("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVRowWriter.neutralised("-12.5") == "-12.5")
        #expect(CSVRowWriter.neutralised("plain") == "plain")
        #expect(CSVRowWriter.restored("'=1+1") == "=1+1")
        #expect(CSVRowWriter.restored("'quoted") == "'quoted")
    }

    @Test func impossibleDatesAreRefused() async throws {
        #expect(Timestamp.parse("2026-02-30T10:00:00Z") == nil)
        #expect(Timestamp.parse("2026-02-30") == nil)
        #expect(Timestamp.parse("2026-13-01T10:00:00Z") == nil)
        #expect(Timestamp.parse("2026-03-02T25:00:00Z") == nil)
        #expect(Timestamp.parse("2024-02-29T10:00:00Z") != nil)
        #expect(Timestamp.parse("2026-03-02T09:15:00.250+03:00") != nil)
        try await TestApp.withRouter { test, client in
            let call: [String: Any] = [
                "id": "call-old", "arrived_at": "0001-01-01T00:00:00Z", "channel": "call_center", "outcome": "answered", "wait_s": 1,
            ]
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [call]])) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[0].arrived_at")
            }
            var february = call
            february["arrived_at"] = "2026-02-30T10:00:00Z"
            try await client.execute(uri: "/api/v1/interactions", method: .post, headers: test.auth, body: jsonBody(["items": [february]])) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[0].arrived_at")
            }
            let feedback: [String: Any] = ["id": "f-feb", "ts": "2026-02-30T10:00:00Z", "channel": "terminal", "nps": 9]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(feedback)) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[0].ts")
            }
        }
    }

    @Test func theUnknownMetricErrorListsEveryFamily() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/metrics?metric=nope", method: .get, headers: test.auth) { response in
                #expect(response.status == .unprocessableContent)
                let message = (response.json["error"] as? [String: Any])?["message"] as? String ?? ""
                for name in ["nps", "asa", "service_level", "first_contact_resolution"] where MetricCatalogue.allNames.contains(name) {
                    #expect(message.contains(name), "\(name)")
                }
                #expect(message.contains("asa"))
            }
        }
    }

    @Test func oneMetricLoadsOnlyItsFacts() async throws {
        try await TestApp.withRouter { test, _ in
            let call = Interaction(id: "c1", channel: .callCenter, arrivedAt: Date().addingTimeInterval(-3600), outcome: .answered, waitSeconds: 3)
            _ = try await test.app.database.interactions.insert([call], createMissingReferences: false)
            let analytics = Analytics(timeZone: TimeZone(identifier: "UTC")!)
            try await analytics.load(from: test.app.database, logger: test.app.logger, parts: .feedback)
            #expect(await analytics.interactionCount == 0)
            try await analytics.load(from: test.app.database, logger: test.app.logger)
            #expect(await analytics.interactionCount == 1)
        }
    }
}
