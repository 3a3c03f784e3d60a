import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ReferenceAPITests {
    @Test func crudOverTheApi() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/services", method: .post, headers: test.auth, body: jsonBody(["code": "SV2", "name": "Ипотека"])) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/api/v1/services", method: .post, headers: test.auth, body: jsonBody(["code": "SV2", "name": "Ипотека"])) {
                #expect($0.status == .conflict)
            }
            try await client.execute(uri: "/api/v1/services/SV2", method: .put, headers: test.auth, body: jsonBody(["code": "SV2", "name": "Ипотека 2"])) {
                #expect($0.status == .ok)
            }
            try await client.execute(uri: "/api/v1/services/SV2", method: .get, headers: test.auth) { #expect($0.json["name"] as? String == "Ипотека 2") }
            try await client.execute(uri: "/api/v1/services/SV2", method: .put, headers: test.auth, body: jsonBody(["code": "SV3", "name": "x"])) {
                #expect($0.errorField == "code")
            }
            try await client.execute(uri: "/api/v1/locations", method: .post, headers: test.auth, body: jsonBody(["code": "L03", "name": "Kazan", "region": "R9"])) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "region")
            }
            try await client.execute(uri: "/api/v1/locations", method: .post, headers: test.auth, body: jsonBody(["code": "L03"])) {
                #expect($0.status == .badRequest)
                #expect($0.errorField == "name")
            }
            try await client.execute(uri: "/api/v1/services/SV2", method: .delete, headers: test.auth) { #expect($0.status == .noContent) }
            try await client.execute(uri: "/api/v1/services/SV2", method: .get, headers: test.auth) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/regions/R1", method: .delete, headers: test.auth) { #expect($0.status == .conflict) }
            try await client.execute(uri: "/api/v1/staff", method: .get, headers: test.auth) {
                #expect(($0.json["items"] as? [[String: Any]])?.count == 1)
            }
        }
    }

    /// Moving a location to another region changes the region figures at once, although the same
    /// query's result was remembered a moment before (the engine's query cache is dropped).
    @Test func movingALocationRegroupsItsFeedback() async throws {
        try await TestApp.withRouter(minimumN: 1) { test, client in
            let item: [String: Any] = ["id": "rg-1", "channel": "terminal", "location": "L01", "nps": 10]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(item)) { #expect($0.status == .created) }
            func regions() async throws -> [String] {
                try await client.execute(uri: "/api/v1/metrics?metric=nps&by=region", method: .get, headers: test.auth) { response in
                    (response.json["groups"] as? [[String: Any]] ?? []).compactMap { ($0["key"] as? [String: String])?["region"] }
                }
            }
            #expect(try await regions() == ["R1"])
            try await client.execute(uri: "/api/v1/regions", method: .post, headers: test.auth, body: jsonBody(["code": "R2", "name": "Казань"])) {
                #expect($0.status == .created)
            }
            let moved: [String: Any] = ["code": "L01", "name": "Офис на Тверской", "region": "R2"]
            try await client.execute(uri: "/api/v1/locations/L01", method: .put, headers: test.auth, body: jsonBody(moved)) { #expect($0.status == .ok) }
            #expect(try await regions() == ["R2"])
        }
    }
}
