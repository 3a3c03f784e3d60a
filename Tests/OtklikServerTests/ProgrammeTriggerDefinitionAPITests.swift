import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// The triggers of a stalled service request and of a purchase pattern, and the outcome `clv`, through the API and on
/// `/programmes`: good definitions are created and read back, a wrong one is a 422 naming the field (the pattern, the
/// factor, the term) and writes nothing, and the page names each new trigger and the outcome in Russian and English.
@Suite struct ProgrammeTriggerDefinitionAPITests {
    static func definition(_ code: String, trigger: String, outcome: String = "retention") -> String {
        #"{"code": "\#(code)", "name": "Programme \#(code)", "trigger": \#(trigger), "action": {"kind": "callback"}, "outcome": "\#(outcome)"}"#
    }

    @Test func newTriggersAreCreatedAndWrongOnesAre422sNamingTheField() async throws {
        try await TestApp.withRouter(background: false) { test, client in
            let good = [
                Self.definition("stalled", trigger: #"{"kind": "service_request_stalled", "working_days": 10, "services": ["passport"]}"#),
                Self.definition("lapsing", trigger: #"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 2}"#, outcome: "clv"),
                Self.definition("welcome", trigger: #"{"kind": "purchase_pattern", "pattern": "first_purchase"}"#),
            ]
            for body in good {
                try await client.execute(uri: "/api/v1/programmes", method: .post, headers: test.auth, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .created, "\(response.text)")
                }
            }
            let bad: [(String, String)] = [
                (Self.definition("b1", trigger: #"{"kind": "purchase_pattern", "pattern": "weekly"}"#), "trigger.pattern"),
                (Self.definition("b2", trigger: #"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 1}"#), "trigger.factor"),
                (Self.definition("b3", trigger: #"{"kind": "purchase_pattern", "pattern": "overdue_repeat", "factor": 0.5}"#), "trigger.factor"),
                (Self.definition("b4", trigger: #"{"kind": "service_request_stalled"}"#), "trigger.working_days"),
                (Self.definition("b5", trigger: #"{"kind": "service_request_stalled", "working_days": 0}"#), "trigger.working_days"),
                (Self.definition("b6", trigger: #""purchase_pattern""#), "trigger"),
                (Self.definition("b7", trigger: #""detractor_answer""#, outcome: "ltv"), "outcome"),
            ]
            for (body, field) in bad {
                // Twice: the same 422 each time, nothing written.
                for _ in 0..<2 {
                    try await client.execute(uri: "/api/v1/programmes", method: .post, headers: test.auth, body: ByteBuffer(string: body)) { response in
                        #expect(response.status == .unprocessableContent && response.errorField == field, "\(field): \(response.text)")
                    }
                }
            }
            try await client.execute(uri: "/api/v1/programmes", method: .get, headers: test.auth) { response in
                let items = response.json["items"] as? [[String: Any]] ?? []
                #expect(items.map { $0["code"] as? String } == ["lapsing", "stalled", "welcome"], "\(response.text)")
                #expect(items.map { $0["trigger"] as? String } == ["purchase_pattern", "service_request_stalled", "purchase_pattern"])
                #expect(items.first?["outcome"] as? String == "clv")
            }
            let stored = try await test.app.database.programmes.programme(code: "lapsing")?.programme
            #expect(stored?.purchasePattern == PurchasePattern(pattern: .overdueRepeat, factor: 2) && stored?.outcome == .clv)

            let cookie = try #require(try await DashboardTests.login(client))
            let headers: HTTPFields = [.cookie: cookie]
            try await client.execute(uri: "/programmes?lang=en", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                for words in ["a service request still open 10 working days after submission", "services: passport",
                              "a regular customer lapsing: no purchase for over 2 × their median interval", "s first purchase",
                              "CLV (model)"] {
                    #expect(response.text.contains(words), "\(words)")
                }
            }
            try await client.execute(uri: "/programmes?lang=ru", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                for words in ["заявка на услугу не исполнена через 10 рабочих дней после подачи", "услуги: passport",
                              "постоянный клиент перестал покупать", "первая покупка клиента", "CLV (модель)"] {
                    #expect(response.text.contains(words), "\(words)")
                }
                #expect(!response.text.contains("first purchase") && !response.text.contains("working days"))
            }
        }
    }
}
