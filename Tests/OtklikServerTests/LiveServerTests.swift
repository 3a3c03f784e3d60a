import Foundation
import Hummingbird
import HummingbirdTesting
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
}
