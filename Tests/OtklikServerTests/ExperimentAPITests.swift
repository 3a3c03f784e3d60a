import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// `/api/v1/experiments` (issue 19 item 5): registration refused by field, the design frozen after the start (409 naming
/// the fields), deterministic assignment, the result on a small seeded data set against a hand computation, and the
/// `/experiments` page; scoped callers are refused with `scope_experiments`.
@Suite struct ExperimentAPITests {
    static var definition: [String: Any] { [
        "code": "greeting", "name": "Greeting by name", "hypothesis": "Greeting customers by name raises NPS", "unit": "customer",
        "variants": [["name": "control", "allocation": 50], ["name": "by-name", "allocation": 50]], "metric": "nps", "horizon_days": 14,
    ] }

    static func customers(arm: Int, count: Int) -> [String] {
        let variants = [Experiment.Variant(name: "control", allocation: 50), Experiment.Variant(name: "by-name", allocation: 50)]
        return Array((1...500).map { "C\($0)" }.filter { ExperimentAssignment.variant(experiment: "greeting", unit: $0, variants: variants) == arm }.prefix(count))
    }

    @Test func registerFreezeAssignAndResult() async throws {
        try await TestApp.withRouter(background: false) { test, client in
            var bad = Self.definition
            bad["unit"] = "week"
            try await client.execute(uri: "/api/v1/experiments", method: .post, headers: test.auth, body: jsonBody(bad)) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "unit")
            }
            try await client.execute(uri: "/api/v1/experiments", method: .post, headers: test.auth, body: jsonBody(Self.definition)) { response in
                #expect(response.status == .created)
                #expect(response.json["status"] as? String == "draft" && response.json["started_at"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/experiments", method: .post, headers: test.auth, body: jsonBody(Self.definition)) {
                #expect($0.status == .conflict && $0.errorField == "code")
            }
            try await client.execute(uri: "/api/v1/experiments/greeting/result", method: .get, headers: test.auth) {
                #expect($0.status == .conflict && $0.errorField == "status", "a draft has no result")
            }
            try await client.execute(uri: "/api/v1/experiments/greeting/plan", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "draft")
                #expect(response.json["plan"] is NSNull && response.json["units"] as? Int == 0 && response.json["planned_units"] is NSNull)
                #expect((response.json["reason"] as? String)?.contains("at least four") == true, "an empty look-back says why")
            }
            try await client.execute(uri: "/api/v1/experiments/nope/plan", method: .get, headers: test.auth) {
                #expect($0.status == .notFound && $0.errorField == "code")
            }
            try await client.execute(uri: "/api/v1/experiments/greeting", method: .put, headers: test.auth, body: jsonBody(["horizon_days": 21])) {
                #expect($0.status == .ok && $0.json["horizon_days"] as? Int == 21, "a draft changes freely")
            }
            var startedAt = Date()
            try await client.execute(uri: "/api/v1/experiments/greeting/start", method: .post, headers: test.auth) { response in
                #expect(response.status == .ok && response.json["status"] as? String == "running")
                startedAt = try #require((response.json["started_at"] as? String).flatMap { Timestamp.parse($0) })
            }
            try await client.execute(
                uri: "/api/v1/experiments/greeting", method: .put, headers: test.auth, body: jsonBody(["metric": "csat", "horizon_days": 28])
            ) { response in
                #expect(response.status == .conflict)
                #expect(response.errorField == "metric,horizon_days")
            }
            try await client.execute(uri: "/api/v1/experiments/greeting", method: .put, headers: test.auth, body: jsonBody(["name": "Greeting by first name"])) {
                #expect($0.status == .ok && $0.json["name"] as? String == "Greeting by first name" && $0.json["horizon_days"] as? Int == 21)
            }

            let control = Self.customers(arm: 0, count: 6), treated = Self.customers(arm: 1, count: 6)
            for customer in control + treated {
                try await client.execute(uri: "/api/v1/experiments/greeting/assignment?unit=\(customer)", method: .get, headers: test.auth) { response in
                    #expect(response.json["variant"] as? String == (control.contains(customer) ? "control" : "by-name"))
                }
            }
            try await client.execute(uri: "/api/v1/experiments/greeting/assignment", method: .get, headers: test.auth) {
                #expect($0.status == .unprocessableContent && $0.errorField == "unit")
            }

            // Six customers per arm, each counted by the first answer after the start; one answer before the start.
            var items: [Feedback] = []
            func answer(_ customer: String, _ nps: Int, ms: Double) {
                items.append(Feedback(id: "e\(items.count)", ts: startedAt.addingTimeInterval(ms / 1000), channel: .qrWeb, kind: .informative,
                    location: "L01", customer: customer, nps: nps))
            }
            for (index, score) in [10, 9, 7, 3, 5, 10].enumerated() { answer(control[index], score, ms: Double(1 + index)) }
            for (index, score) in [10, 10, 9, 8, 6, 10].enumerated() { answer(treated[index], score, ms: Double(10 + index)) }
            answer(control[3], 10, ms: 30)
            answer(treated[5], 0, ms: -60_000)
            _ = try await test.app.database.feedback.insert(items, createMissingReferences: false)
            try await Task.sleep(for: .milliseconds(100))
            try await client.execute(uri: "/api/v1/experiments/greeting/stop", method: .post, headers: test.auth) {
                #expect($0.status == .ok && $0.json["status"] as? String == "stopped")
            }
            // Python: control 16.667, treatment 50.0, effect 33.333 NPS points, SE 48.113, z 0.6928, p 0.48842,
            // 95 % [−60.965; 127.632]; 6 : 6 against 50:50, SRM p = 1.
            try await client.execute(uri: "/api/v1/experiments/greeting/result", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.json["feedback"] as? Int == 12)
                let analysis = try #require(response.json["analysis"] as? [String: Any])
                #expect(analysis["test"] as? String == "nps_trinomial_z")
                #expect((analysis["control"] as? [String: Any])?["n"] as? Int == 6 && (analysis["treatment"] as? [String: Any])?["n"] as? Int == 6)
                #expect(abs((analysis["effect"] as? Double ?? 0) - 33.3333) < 1e-3)
                #expect(abs((analysis["p_value"] as? Double ?? 0) - 0.48842) < 1e-4)
                #expect(abs((analysis["ci_low"] as? Double ?? 0) - -60.9655) < 1e-3 && abs((analysis["ci_high"] as? Double ?? 0) - 127.6321) < 1e-3)
                #expect((analysis["srm"] as? [String: Any])?["mismatch"] as? Bool == false)
            }
            try await client.execute(uri: "/api/v1/experiments", method: .get, headers: test.auth) { response in
                #expect(((response.json["items"] as? [[String: Any]]) ?? []).map { $0["code"] as? String } == ["greeting"])
            }
        }
    }

    @Test func aScopedCallerIsRefusedWithTheReason() async throws {
        try await TestApp.withRouter(background: false) { test, client in
            let l01 = try await test.app.database.access.createApiKey(name: "l01", scope: .read, area: .locations(["L01"])).secret
            try await client.execute(uri: "/api/v1/experiments", method: .get, headers: [.authorization: "Bearer \(l01)"]) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.errorField == "scope_experiments")
            }
            let reader = try await test.app.database.access.createApiKey(name: "reader", scope: .read, area: .organisation).secret
            try await client.execute(
                uri: "/api/v1/experiments", method: .post, headers: [.authorization: "Bearer \(reader)", .contentType: "application/json"],
                body: jsonBody(Self.definition)
            ) { #expect($0.status == .forbidden, "writing needs change_configuration") }
        }
    }
}
