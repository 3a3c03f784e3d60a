import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// The kiosk, the QR form and the loyalty display through the HTTP layer (the browser test drives them in Chromium).
@Suite struct PublicFormTests {
    static func answer(_ id: String, csat: Int = 5, channel: String = "terminal", extra: [String: Any] = [:]) -> [String: Any] {
        var item: [String: Any] = [
            "id": id, "ts": Timestamp.format(Date().addingTimeInterval(-30)), "channel": channel, "location": "L01", "csat": csat, "lang": "ru",
        ]
        for (key, value) in extra { item[key] = value }
        return item
    }

    @Test func pagesRenderWithTheLocationsReasonsAndEscapeNames() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.reasons.replaceAll([
                Reason(code: "waiting_time", labelRu: "Время ожидания", labelEn: "Waiting time"),
                Reason(code: "parking", location: "L02", labelRu: "Парковка", labelEn: "Parking"),
            ])
            try await client.execute(uri: "/kiosk/L01?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("data-reason=\"waiting_time\""))
                #expect(!response.text.contains("parking"), "a reason of another location is not offered")
                #expect(response.text.contains("data-channel=\"terminal\""))
                #expect(response.text.contains("Waiting time"))
            }
            try await client.execute(uri: "/q/L02?staff=S01&service=SV1", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("data-reason=\"parking\""))
                #expect(response.text.contains("data-channel=\"qr_web\""))
                #expect(response.text.contains("Office &lt;b&gt;Two&lt;/b&gt;"), "names are escaped")
                #expect(!response.text.contains("<script>alert"), "staff names are escaped")
            }
            try await client.execute(uri: "/kiosk/NOPE", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/q/L01?staff=ghost", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test func answersAreIdempotentAndComplaintsNeedConsent() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.reasons.replaceAll([Reason(code: "waiting_time", labelRu: "Ожидание", labelEn: "Waiting")])
            let json: HTTPFields = [.contentType: "application/json"]
            let items = [
                Self.answer("a1", csat: 5),
                Self.answer("a2", csat: 2, channel: "qr_web", extra: ["reasons": ["waiting_time"], "contact": "+7 900 000-00-00", "consent": true, "comment": "Долго"]),
            ]
            try await client.execute(uri: "/public/v1/feedback", method: .post, headers: json, body: jsonBody(["items": items])) {
                #expect($0.status == .created)
                #expect($0.json["complaints"] as? [String] == ["qr-a2"])
            }
            try await client.execute(uri: "/public/v1/feedback", method: .post, headers: json, body: jsonBody(["items": items])) {
                #expect($0.status == .ok, "the offline queue may resend: nothing is stored twice")
                #expect(($0.json["stored"] as? [String])?.count == 2)
            }
            let complaint = try #require(try await test.app.database.feedback.get(id: "qr-a2"))
            #expect(complaint.kind == .complaint && complaint.contact == "+7 900 000-00-00" && complaint.reasons == ["waiting_time"])
            #expect(try await test.app.database.feedback.get(id: "kiosk-a1")?.kind == .informative)
            let refused: [(Any, String)] = [
                (Self.answer("b1", extra: ["contact": "me@example.com"]), "items[0].consent"),
                (Self.answer("b2", csat: 9), "items[0].csat"),
                (Self.answer("b3", extra: ["reasons": ["parking"]]), "items[0].reasons"),
                (Self.answer("b4", extra: ["location": "NOPE"]), "items[0].location"),
                (Self.answer("b5", channel: "button"), "items[0].channel"),
                (Self.answer("b6", extra: ["ts": "2020-01-01T00:00:00Z"]), "items[0].ts"),
            ]
            for (item, field) in refused {
                try await client.execute(uri: "/public/v1/feedback", method: .post, headers: json, body: jsonBody(["items": [item]])) {
                    #expect($0.status == .unprocessableContent, "\(field)")
                    #expect($0.errorField == field)
                }
            }
            let many = (0...100).map { Self.answer("m\($0)") }
            try await client.execute(uri: "/public/v1/feedback", method: .post, headers: json, body: jsonBody(["items": many])) {
                #expect($0.status == .contentTooLarge)
            }
            #expect(try await test.app.database.feedback.count() == 2, "refused answers wrote nothing")
        }
    }

    @Test func loyaltyDisplayShowsTodaysShareWithoutPersonalData() async throws {
        try await TestApp.withRouter { test, client in
            let json: HTTPFields = [.contentType: "application/json"]
            let items = [
                Self.answer("d1", csat: 5), Self.answer("d2", csat: 4), Self.answer("d3", csat: 1, extra: ["comment": "Секрет Иванова"]),
                Self.answer("d4", csat: 5), Self.answer("d5", csat: 2), Self.answer("d6", csat: 4),
            ]
            try await client.execute(uri: "/public/v1/feedback", method: .post, headers: json, body: jsonBody(["items": items])) {
                #expect($0.status == .created)
            }
            try await client.execute(uri: "/public/v1/display/L01", method: .get) { response in
                let share = try #require(response.json["positive_share"] as? Double)
                #expect(abs(share - 400.0 / 6) < 1e-9)
                #expect(response.json["responses"] as? Int == 6)
                #expect((response.json["definition"] as? String)?.contains("spontaneous sample") == true)
            }
            try await client.execute(uri: "/display/L02", method: .get) { response in
                // Issue 15 item 14: a quiet day shows a calm invitation, not a dash and "0 answers".
                #expect(response.text.contains("<div id=\"figures\" hidden>"), "no share from fewer than 5 answers")
                #expect(response.text.contains("Сегодня отзывов пока нет"))
            }
            try await client.execute(uri: "/display/L01", method: .get) { response in
                #expect(response.text.contains(">67<"))
                #expect(!response.text.contains("Иванова"), "no personal data on the display")
            }
        }
    }
}
