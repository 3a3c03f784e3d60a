import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikStore
import Testing

/// Escalation rules over HTTP: stored and validated by the API, applied when a case opens and when its priority changes.
@Suite struct CaseEscalationRuleTests {
    @Test func rulesByAPIEscalateOpeningAndReprioritisedCases() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.reference.save(Staff(code: "M01", name: "Мария", location: "L01", role: "manager"))
            try await test.app.database.reference.save(Staff(code: "S01", name: "Сергей", location: "L01"))
            try await test.app.database.reference.save(Staff(code: "CX1", name: "Директор", location: "L01", role: "cx_director"))
            try await test.app.database.assignmentRules.replaceAll([AssignmentRule(name: "Все — Сергею", location: "L01", owner: "S01")])
            let bad: [String: Any] = ["items": [["name": "ok", "priority": "urgent", "escalate_to": "cx_director"], ["name": "x", "escalate_to": "manager"]]]
            try await client.execute(uri: "/api/v1/escalation-rules", method: .put, headers: test.auth, body: jsonBody(bad)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[1].name", "a rule without a criterion")
            }
            let wrongLevel: [String: Any] = ["items": [["name": "x", "csat_at_most": 1, "escalate_to": "boss"]]]
            try await client.execute(uri: "/api/v1/escalation-rules", method: .put, headers: test.auth, body: jsonBody(wrongLevel)) {
                #expect($0.status == .unprocessableContent && $0.errorField == "items[0].escalate_to")
            }
            let rules: [String: Any] = [
                "items": [
                    ["name": "CSAT 1 — руководителю", "case_type": "complaint", "csat_at_most": 1, "escalate_to": "manager"],
                    ["name": "Срочные — директору", "priority": "urgent", "escalate_to": "cx_director"],
                ]
            ]
            try await client.execute(uri: "/api/v1/escalation-rules", method: .put, headers: test.auth, body: jsonBody(rules)) {
                #expect($0.status == .ok && ($0.json["items"] as? [[String: Any]])?.count == 2)
            }
            try await client.execute(uri: "/api/v1/escalation-rules", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.first?["csat_at_most"] as? Int == 1 && items.last?["escalate_to"] as? String == "cx_director")
            }
            _ = try await test.app.ingest.ingest([CaseWorkflowTests.complaint("r1", csat: 1), CaseWorkflowTests.complaint("r2", csat: 3)])
            try await client.execute(uri: "/api/v1/cases/case-r1", method: .get, headers: test.auth) { response in
                #expect(response.json["escalation_level"] as? Int == 1 && response.json["owner"] as? String == "M01", "CSAT 1: straight to the manager")
                let kinds = (response.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(kinds == ["opened", "escalated"])
            }
            try await client.execute(uri: "/api/v1/cases/case-r2", method: .get, headers: test.auth) {
                #expect($0.json["escalation_level"] as? Int == 0 && $0.json["owner"] as? String == "S01")
            }
            let urgent: [String: Any] = ["action": "priority", "priority": "urgent"]
            try await client.execute(uri: "/api/v1/cases/case-r2/actions", method: .post, headers: test.auth, body: jsonBody(urgent)) { response in
                #expect(response.status == .ok)
                #expect(response.json["escalation_level"] as? Int == 3 && response.json["owner"] as? String == "CX1", "urgent: to the CX director")
            }
            try await client.execute(uri: "/api/v1/cases/case-r2", method: .get, headers: test.auth) { response in
                let kinds = (response.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
                #expect(kinds == ["opened", "priority", "replanned", "escalated"])
                #expect(response.json["first_response_at"] == nil || response.json["first_response_at"] is NSNull, "triage is not a response")
            }
        }
    }
}
