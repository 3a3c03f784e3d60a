import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// `/api/v1/text/...` over HTTP: answers in the order given with ids passed through; bad batches refused whole.
@Suite struct TextAPITests {
    @Test func sentimentAndThemesInOrder() async throws {
        try await TestApp.withRouter { test, client in
            let items: [[String: Any]] = [
                ["id": "c-1", "text": "Очень долго ждал в очереди, оператор нагрубил"],
                ["id": "c-2", "text": "Всё отлично, спасибо! Быстро и вежливо"],
                ["text": "not bad at all, quick service"],
            ]
            try await client.execute(uri: "/api/v1/text/sentiment", method: .post, headers: test.auth, body: jsonBody(["items": items])) { response in
                #expect(response.status == .ok)
                let rows = response.json["items"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["id"] as? String } == ["c-1", "c-2", nil])
                #expect(rows.map { $0["label"] as? String } == ["negative", "positive", "positive"])
                #expect(rows.map { $0["lang"] as? String } == ["ru", "ru", "en"])
                #expect((rows.first?["themes"] as? [String])?.isEmpty == false, "waiting and politeness are themes")
            }
            try await client.execute(uri: "/api/v1/text/themes", method: .post, headers: test.auth, body: jsonBody(items[0])) { response in
                let rows = response.json["items"] as? [[String: Any]] ?? []
                #expect(rows.count == 1 && (rows.first?["themes"] as? [String])?.isEmpty == false)
            }
        }
    }

    @Test func readabilityAndTriggers() async throws {
        try await TestApp.withRouter { test, client in
            let body = ["items": [["id": "t", "text": "The cat sat on the mat. It was happy."]]]
            try await client.execute(uri: "/api/v1/text/readability", method: .post, headers: test.auth, body: jsonBody(body)) { response in
                let row = (response.json["items"] as? [[String: Any]])?.first ?? [:]
                #expect(row["lang"] as? String == "en")
                #expect(row["sentences"] as? Int == 2 && row["words"] as? Int == 9)
                #expect((row["readability"] as? Double ?? 0) > 90, "short words, short sentences")
            }
        }
    }

    @Test func complianceAgainstTheOrganisationsPlaybook() async throws {
        try await TestApp.withRouter { test, client in
            let playbook: [String: Any] = [
                "event": "complaint", "title_ru": "Жалоба", "title_en": "Complaint", "tasks": ["Извиниться", "Предложить решение"],
                "phrases": ["Приносим извинения за неудобства", "Давайте я помогу решить вопрос"],
            ]
            try await client.execute(uri: "/api/v1/playbooks", method: .put, headers: test.auth, body: jsonBody(["items": [playbook]])) {
                #expect($0.status == .ok)
            }
            let good = "Здравствуйте! Приносим извинения за неудобства. Давайте я помогу решить вопрос прямо сейчас."
            let bad = "Ну и что? Ждите."
            let body: [String: Any] = ["event": "complaint", "items": [["id": "good", "text": good], ["id": "bad", "text": bad]]]
            try await client.execute(uri: "/api/v1/text/check-standard", method: .post, headers: test.auth, body: jsonBody(body)) { response in
                #expect(response.status == .ok)
                let rows = response.json["items"] as? [[String: Any]] ?? []
                #expect(rows.map { $0["id"] as? String } == ["good", "bad"])
                let scores = rows.map { $0["score"] as? Double ?? -1 }
                #expect(scores[0] > scores[1], "\(scores)")
                #expect(scores[0] >= 90)
            }
            try await client.execute(uri: "/api/v1/text/check-standard", method: .post, headers: test.auth, body: jsonBody(["event": "nothing", "items": [["text": "x"]]])) {
                #expect($0.status == .notFound)
                #expect($0.errorField == "event")
            }
        }
    }

    @Test func badBatchesAreRefusedWhole() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/api/v1/text/sentiment", method: .post, body: jsonBody(["text": "x"])) { #expect($0.status == .unauthorized) }
            let missing = ["items": [["text": "fine"], ["id": "no-text"]]]
            try await client.execute(uri: "/api/v1/text/sentiment", method: .post, headers: test.auth, body: jsonBody(missing)) {
                #expect($0.status == .unprocessableContent)
                #expect($0.errorField == "items[1].text")
            }
            let huge = ["items": [["text": String(repeating: "a", count: 100_001)]]]
            try await client.execute(uri: "/api/v1/text/sentiment", method: .post, headers: test.auth, body: jsonBody(huge)) {
                #expect($0.status == .contentTooLarge)
                #expect($0.errorField == "items[0].text")
            }
            let many = ["items": Array(repeating: ["text": "ok"], count: 1_001)]
            try await client.execute(uri: "/api/v1/text/sentiment", method: .post, headers: test.auth, body: jsonBody(many)) {
                #expect($0.status == .contentTooLarge)
            }
        }
    }
}
