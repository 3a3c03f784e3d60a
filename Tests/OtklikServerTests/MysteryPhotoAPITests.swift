import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

@testable import OtklikServer

/// Mystery-shopping photos through HTTP: the phone form's upload (session and anti-forgery header) stores them with the
/// result, a resend stores nothing more; the visit's page shows thumbnails to signed-in users; a photo is served with
/// its type, inline, never sniffed, not cached by proxies, and not at all without a session; a disguised file is refused.
@Suite struct MysteryPhotoAPITests {
    @Test func photosTravelWithTheResultAndAreServedToSignedInUsersOnly() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            try await client.execute(
                uri: "/api/v1/mystery/checklists/std", method: .put, headers: test.auth, body: jsonBody(MysteryShoppingAPITests.checklist)
            ) { #expect($0.status == .ok) }
            let now = Date()
            let from = Timestamp.format(now.addingTimeInterval(-86_400)), to = Timestamp.format(now.addingTimeInterval(6 * 86_400))
            let plan: [String: Any] = ["items": ["p1", "p2"].map { ["id": $0, "checklist": "std", "location": "L01", "from": from, "to": to] }]
            try await client.execute(uri: "/api/v1/mystery/visits", method: .post, headers: test.auth, body: jsonBody(plan)) { #expect($0.status == .created) }

            let cookie = try #require(try await DashboardTests.login(client))
            var headers = DashboardTests.form(cookie)
            headers[.contentType] = "application/json"
            headers[.accept] = "application/json"
            let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x11, count: 500))
            // A script declared as an image: refused by its bytes, and nothing of the visit is stored.
            let disguised: [String: Any] = [
                "visit": "p1", "answers": ["greet": 1, "tidy": 4],
                "photos": [["item": "tidy", "data": jpeg.base64EncodedString()], ["item": "tidy", "type": "image/jpeg", "data": Data("<svg onload=alert(1)>".utf8).base64EncodedString()]],
            ]
            try await client.execute(uri: "/mystery/results", method: .post, headers: headers, body: jsonBody(disguised)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "photos[1].data", "\(response.text)")
            }
            try await client.execute(uri: "/api/v1/mystery/visits", method: .get, headers: test.auth) { response in
                #expect((response.json["items"] as? [[String: Any]])?.first { $0["id"] as? String == "p1" }?["reported"] as? Bool == false)
            }
            let good: [String: Any] = [
                "visit": "p1", "at": Timestamp.format(now), "answers": ["greet": 1, "tidy": 4],
                "photos": [["item": "tidy", "data": "data:image/jpeg;base64," + jpeg.base64EncodedString()]],
            ]
            try await client.execute(uri: "/mystery/results", method: .post, headers: headers, body: jsonBody(good)) { #expect($0.status == .created, "\($0.text)") }
            try await client.execute(uri: "/mystery/results", method: .post, headers: headers, body: jsonBody(good)) { #expect($0.status == .ok, "a resend is stored once") }

            try await client.execute(uri: "/mystery/visits/p1?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("<img src=\"/mystery/visits/p1/photos/tidy/1\""), "\(response.text)")
                #expect(!response.text.contains("/photos/tidy/2"))
            }
            try await client.execute(uri: "/mystery/visits/p1/photos/tidy/1", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.status == .ok && Data(buffer: response.body) == jpeg)
                #expect(response.headers[.contentType] == "image/jpeg")
                #expect(response.headers[.contentDisposition]?.hasPrefix("inline") == true)
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(response.headers[.cacheControl]?.contains("no-store") == true && response.headers[.cacheControl]?.contains("private") == true)
            }
            try await client.execute(uri: "/mystery/visits/p1/photos/tidy/2", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/mystery/visits/p1/photos/tidy/1", method: .get) { response in
                #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/login") == true)
                #expect(response.body.readableBytes == 0 || !Data(buffer: response.body).starts(with: [0xFF, 0xD8]))
            }
            // Through the API too; too many photos on an item is a clear 413.
            let many: [String: Any] = ["visit": "p2", "shopper": "Ольга", "answers": ["tidy": 2], "photos": Array(repeating: ["item": "tidy", "data": jpeg.base64EncodedString()], count: 4)]
            try await client.execute(uri: "/api/v1/mystery/results", method: .post, headers: test.auth, body: jsonBody(many)) { response in
                #expect(response.status == .contentTooLarge && response.errorField == "photos[3].item", "\(response.text)")
            }
        }
    }
}
