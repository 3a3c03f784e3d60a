import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Staff employment dates over the API and `GET /api/v1/attrition`.
@Suite struct AttritionAPITests {
    @Test func employmentDatesAreStoredAndCheckedByField() async throws {
        try await TestApp.withRouter { test, client in
            let member: [String: Any] = ["code": "S10", "name": "Ольга", "location": "L01", "hired_on": "2024-03-01", "left_on": "2026-06-30"]
            try await client.execute(uri: "/api/v1/staff", method: .post, headers: test.auth, body: jsonBody(member)) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/v1/staff/S10", method: .get, headers: test.auth) { response in
                #expect(response.json["hired_on"] as? String == "2024-03-01")
                #expect(response.json["left_on"] as? String == "2026-06-30")
            }
            var backwards = member
            backwards["left_on"] = "2024-02-29"
            try await client.execute(uri: "/api/v1/staff/S10", method: .put, headers: test.auth, body: jsonBody(backwards)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorField == "left_on")
            }
            var badDate = member
            badDate["hired_on"] = "01.03.2024"
            try await client.execute(uri: "/api/v1/staff/S10", method: .put, headers: test.auth, body: jsonBody(badDate)) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorField == "hired_on")
            }
            try await client.execute(uri: "/api/v1/staff/S10", method: .get, headers: test.auth) {
                #expect($0.json["left_on"] as? String == "2026-06-30", "the refused writes changed nothing")
            }
        }
    }

    @Test func attritionByLocationAndAScopedKeySeesItsLocationOnly() async throws {
        try await TestApp.withRouter { test, client in
            let reference = test.app.database.reference
            // S01 (no hiring date) stays at L01; at L01 one more stays and one leaves; at L02 two stay and one leaves.
            try await reference.save(staff: [
                Staff(code: "S02", name: "B", location: "L01", hiredOn: "2020-01-01", leftOn: "2026-05-31"),
                Staff(code: "S03", name: "C", location: "L01", hiredOn: "2025-01-01"),
                Staff(code: "S04", name: "D", location: "L02", hiredOn: "2025-01-01", leftOn: "2026-02-10"),
                Staff(code: "S05", name: "E", location: "L02", hiredOn: "2026-03-01"),
                Staff(code: "S06", name: "F", location: "L02", hiredOn: "2025-03-01"),
            ])
            try await client.execute(uri: "/api/v1/attrition?from=2026-01-01&to=2026-12-31&by=location", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.map { $0["group"] as? String } == ["L01", "L02"])
                // L01: 3 at the start, 2 at the end, 1 left: 1 / 2.5 = 40 %. L02: 2 at the start, 2 at the end (one hired), 1 left: 50 %.
                #expect(groups.first?["rate"] as? Double == 40)
                #expect(groups.last?["rate"] as? Double == 50)
                #expect(groups.last?["hires"] as? Int == 1)
                #expect((response.json["total"] as? [String: Any])?["leavers"] as? Int == 2)
                #expect((response.json["definition"] as? String)?.contains("average head count") == true)
            }
            let l01 = try await test.app.database.access.createApiKey(name: "l01", scope: .read, area: .locations(["L01"])).secret
            try await client.execute(
                uri: "/api/v1/attrition?from=2026-01-01&to=2026-12-31&by=location", method: .get,
                headers: [.authorization: "Bearer \(l01)"]
            ) { response in
                #expect(response.status == .ok)
                let groups = response.json["groups"] as? [[String: Any]] ?? []
                #expect(groups.map { $0["group"] as? String } == ["L01"])
                #expect((response.json["total"] as? [String: Any])?["leavers"] as? Int == 1)
            }
            try await client.execute(uri: "/api/v1/attrition?from=2026-01-01&to=2026-12-31&by=region", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "by")
            }
            try await client.execute(uri: "/api/v1/attrition?from=2026-01-01", method: .get, headers: test.auth) { #expect($0.errorField == "to") }
        }
    }

    @Test func aStaffImportWithAnUnknownLocationStoresNothing() async throws {
        try await TestApp.withRouter { test, _ in
            let reference = test.app.database.reference
            await #expect(throws: OtklikError.self) {
                try await reference.save(staff: [Staff(code: "S20", name: "A", location: "L01"), Staff(code: "S21", name: "B", location: "L99")])
            }
            let codes = try await reference.staff().map(\.code)
            #expect(codes == ["S01"])
        }
    }
}
