import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import Testing

/// `/experiments` as a form (issue 19 item 5): a refused registration answers 422 with the field's sentence in the
/// reader's language and stores nothing; a good one is a draft with exactly the typed design (shares with a comma
/// too); the start and stop buttons move it once, a second start is 409 with the reason and changes nothing; a viewer
/// sees no form and is refused.
@Suite struct ExperimentsPageFormTests {
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        ByteBuffer(string: fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&"))
    }

    static let design: [(String, String)] = [
        ("code", "queue-sms"), ("name", "SMS with the waiting time"), ("hypothesis", "An SMS with the expected wait raises CSAT"),
        ("unit", "location"), ("metric", "csat"), ("outcome", ""), ("control_name", "no SMS"), ("control_allocation", "70"),
        ("treatment_name", "SMS"), ("treatment_allocation", "30,0"), ("horizon_days", "28"), ("alpha", "0,1"), ("pre_period_days", ""),
    ]

    @Test func registerStartAndStopFromThePage() async throws {
        try await TestApp.withRouter { test, client in
            let cookie = try #require(try await DashboardTests.login(client))
            let page = try await client.execute(uri: "/experiments?lang=ru", method: .get, headers: [.cookie: cookie]) { $0.text }
            #expect(page.contains("id=\"experiment-form\"") && page.contains("value=\"0,05\""), "the form, with α as a Russian reader writes it")
            let token = try #require(CSRFTests.token(in: page))
            let headers: HTTPFields = [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"]

            var bad = Self.design
            bad[10] = ("horizon_days", "400")
            try await client.execute(uri: "/experiments?lang=ru", method: .post, headers: headers, body: Self.form(bad + [("csrf", token)])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Горизонт — целое число дней от 1 до 366."))
                #expect(response.text.contains("value=\"SMS with the waiting time\""), "the typed values stay")
            }
            var sameNames = Self.design
            sameNames[8] = ("treatment_name", "no SMS")
            try await client.execute(uri: "/experiments?lang=en", method: .post, headers: headers, body: Self.form(sameNames + [("csrf", token)])) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("Name the new variant: 1-64 characters, different from the control&#39;s."))
            }
            #expect(try await test.app.database.experiments.experiments().isEmpty, "nothing was stored")

            try await client.execute(uri: "/experiments", method: .post, headers: headers, body: Self.form(Self.design + [("csrf", token)])) { response in
                #expect(response.status == .seeOther && response.headers[.location] == "/experiments#experiment-queue-sms")
            }
            let draft = try #require(try await test.app.database.experiments.experiment(code: "queue-sms"))
            #expect(draft.status == .draft && draft.unit == .location && draft.metric == .csat && draft.outcome == .csat)
            #expect(draft.variants.map(\.name) == ["no SMS", "SMS"] && draft.variants.map(\.allocation) == [70, 30])
            #expect(draft.horizonDays == 28 && draft.alpha == 0.1 && !draft.sequential && draft.prePeriodDays == nil)
            try await client.execute(uri: "/experiments?lang=en", method: .post, headers: headers, body: Self.form(Self.design + [("csrf", token)])) { response in
                #expect(response.status == .conflict && response.text.contains("An experiment with this code exists"))
            }

            try await client.execute(uri: "/experiments/queue-sms/start", method: .post, headers: headers, body: Self.form([("csrf", token)])) {
                #expect($0.status == .seeOther)
            }
            #expect(try await test.app.database.experiments.experiment(code: "queue-sms")?.status == .running)
            try await client.execute(uri: "/experiments/queue-sms/start?lang=ru", method: .post, headers: headers, body: Self.form([("csrf", token)])) { response in
                #expect(response.status == .conflict && response.text.contains("Ничего не изменилось: эксперимент уже запущен или остановлен"))
            }
            try await client.execute(uri: "/experiments/queue-sms/stop", method: .post, headers: headers, body: Self.form([("csrf", token)])) {
                #expect($0.status == .seeOther)
            }
            #expect(try await test.app.database.experiments.experiment(code: "queue-sms")?.status == .stopped)
        }
    }

    @Test func aViewerSeesNoFormAndIsRefused() async throws {
        try await TestApp.withRouter { test, client in
            let hash = try await test.app.hasher.hash(TestApp.password)
            try await test.app.database.access.createUser(username: "vera", passwordHash: hash, role: .viewer)
            let cookie = try #require(try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=vera&password=\(TestApp.password.replacingOccurrences(of: " ", with: "+"))")
            ) { $0.headers[.setCookie].map { String($0.split(separator: ";")[0]) } })
            let page = try await client.execute(uri: "/experiments?lang=en", method: .get, headers: [.cookie: cookie]) { $0.text }
            #expect(!page.contains("experiment-form") && !page.contains("button type=\"submit\" class=\"start\""))
            let token = try #require(CSRFTests.token(in: page), "the sign-out form carries the session's token")
            try await client.execute(
                uri: "/experiments", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: Self.form(Self.design + [("csrf", token)])
            ) { #expect($0.status == .forbidden) }
            #expect(try await test.app.database.experiments.experiments().isEmpty)
        }
    }
}
