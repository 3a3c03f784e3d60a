import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// `available_online` on services (API) and `services_online_share` (seed 000's share of services obtainable
/// online), beside `online_share` (requests submitted online), which stays as it is.
@Suite struct ServicesOnlineShareTests {
    /// Five services: 3 available online, 1 not, 1 not stated → 3/4 = 75.0 %, n = 4, Wilson [30.1; 95.4]
    /// (Python: (p + z²/2n ± z√(p(1−p)/n + z²/4n²))/(1 + z²/n) with z = 1.959964).
    @Test func shareOfServicesObtainableOnline() async throws {
        try await TestApp.withRouter { test, client in
            let services: [[String: Any]] = [
                ["code": "SV1", "name": "Вклад", "available_online": true], ["code": "SV2", "name": "Карта", "available_online": true],
                ["code": "SV3", "name": "Перевод", "available_online": true], ["code": "SV4", "name": "Ипотека", "available_online": false],
                ["code": "SV5", "name": "Сейф"],
            ]
            for service in services {
                let code = service["code"] as! String
                try await client.execute(uri: "/api/v1/services/\(code)", method: .put, headers: test.auth, body: jsonBody(service)) {
                    #expect($0.status == .ok)
                }
            }
            try await client.execute(uri: "/api/v1/services/SV4", method: .get, headers: test.auth) {
                #expect($0.json["available_online"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/services/SV5", method: .get, headers: test.auth) {
                #expect($0.json["available_online"] == nil, "not stated")
            }
            try await client.execute(uri: "/api/v1/metrics?metric=services_online_share", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let json = response.json
                let overall = try #require(json["overall"] as? [String: Any])
                #expect(overall["value"] as? Double == 75)
                #expect(overall["n"] as? Int == 4)
                #expect(abs((overall["ci_low"] as? Double ?? 0) - 30.064) < 0.01)
                #expect(abs((overall["ci_high"] as? Double ?? 0) - 95.441) < 0.01)
                #expect((json["definition"] as? String ?? "").hasPrefix("Services available online = services of the catalogue marked available_online = true"))
                #expect((json["notes"] as? [String] ?? []).contains("services without available_online stated, left out: 1"))
            }
            // By service: each is 0 or 100 %.
            try await client.execute(uri: "/api/v1/metrics?metric=services_online_share&by=service", method: .get, headers: test.auth) { response in
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.count == 4)
            }
            // A change through the API is counted at once; deleting a service removes it.
            try await client.execute(
                uri: "/api/v1/services/SV4", method: .put, headers: test.auth, body: jsonBody(["code": "SV4", "name": "Ипотека", "available_online": true])
            ) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/metrics?metric=services_online_share", method: .get, headers: test.auth) {
                #expect(($0.json["overall"] as? [String: Any])?["value"] as? Double == 100)
            }
            // online_share still counts requests.
            try await client.execute(uri: "/api/v1/metrics?metric=online_share", method: .get, headers: test.auth) {
                #expect(($0.json["definition"] as? String ?? "").hasPrefix("Online share = requests submitted online"))
            }
        }
    }

    @Test func onlyTheServiceDimensionApplies() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/metrics?metric=services_online_share&by=month", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent || $0.status == .badRequest)
            }
        }
    }
}
