import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// `/api/v1/customers` and the customer pages: feedback left with a phone in any spelling finds one customer, whose
/// timeline shows the feedback and the case each complaint opened, with the identity that linked them — in the API,
/// on the page in both languages, linked from the case page; and no contact reaches the log.
@Suite struct CustomerAPITests {
    static let phoneCustomer = CustomerResolver.customerID(CustomerIdentity(kind: .phone, value: "+79123456789"))

    static func post(_ test: TestApp, _ client: any TestClientProtocol) async throws {
        let now = Date()
        let items: [[String: Any]] = [
            ["id": "p1", "ts": Timestamp.format(now.addingTimeInterval(-7_200)), "channel": "qr_web", "location": "L01", "csat": 1,
             "comment": "Долго ждал", "contact": "8 (912) 345-67-89"],
            ["id": "p2", "ts": Timestamp.format(now.addingTimeInterval(-3_600)), "channel": "web", "location": "L02", "nps": 9, "kind": "informative",
             "contact": "+7 912 345 6789"],
            ["id": "p3", "ts": Timestamp.format(now.addingTimeInterval(-1_800)), "channel": "web", "location": "L01", "nps": 10, "customer": "C1"],
        ]
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
            #expect($0.status == .created)
        }
    }

    @Test func searchNormalisesAndTheTimelineShowsWhatLinkedEachItem() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.post(test, client)
            for query in ["%2B7%20912%20345%2067%2089", "9123456789", "8%20(912)%20345-67-89"] {
                try await client.execute(uri: "/api/v1/customers?q=\(query)", method: .get, headers: test.auth) { response in
                    #expect(response.status == .ok)
                    let items = response.json["items"] as? [[String: Any]] ?? []
                    #expect(items.map { $0["id"] as? String } == [Self.phoneCustomer], "\(query)")
                    let identities = items.first?["identities"] as? [[String: Any]] ?? []
                    #expect(identities.map { $0["value"] as? String } == ["+79123456789"])
                    #expect(identities.first?["kind"] as? String == "phone" && identities.first?["source"] as? String == "feedback")
                }
            }
            try await client.execute(uri: "/api/v1/customers/\(Self.phoneCustomer)?limit=2", method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                let timeline = response.json["timeline"] as? [String: Any] ?? [:]
                let items = timeline["items"] as? [[String: Any]] ?? []
                #expect(timeline["total"] as? Int == 3, "p1, p2 and the case p1's complaint opened")
                #expect(timeline["next_offset"] as? Int == 2)
                #expect(items.map { $0["id"] as? String } == ["case-p1", "p2"], "newest first: the case opened now, then p2 an hour ago")
                #expect(items.map { $0["kind"] as? String } == ["case", "feedback"])
                for item in items {
                    let link = item["linked_by"] as? [String: Any]
                    #expect(link?["kind"] as? String == "phone" && link?["value"] as? String == "+79123456789")
                }
                #expect(response.json.keys.contains("display_name"), "display_name is always present, null when unknown")
            }
            try await client.execute(uri: "/api/v1/customers/\(Self.phoneCustomer)?offset=2", method: .get, headers: test.auth) { response in
                let timeline = response.json["timeline"] as? [String: Any] ?? [:]
                #expect((timeline["items"] as? [[String: Any]])?.map { $0["id"] as? String } == ["p1"])
                #expect(timeline["next_offset"] is NSNull)
            }
            try await client.execute(uri: "/api/v1/feedback/p2", method: .get, headers: test.auth) { response in
                #expect(response.json["customer"] is NSNull || response.json["customer"] == nil, "the client sent no customer id for p2")
            }
        }
    }

    @Test func badRequestsGetClearErrors() async throws {
        try await TestApp.withRouter { test, client in
            for (uri, field) in [("/api/v1/customers", "q"), ("/api/v1/customers?q=%20", "q"), ("/api/v1/customers?q=a&limit=0", "limit"),
                                 ("/api/v1/customers/C1?offset=-1", "offset")] {
                try await client.execute(uri: uri, method: .get, headers: test.auth) { response in
                    #expect(response.status == .unprocessableContent, "\(uri)")
                    #expect(response.errorCode == "invalid_input" && response.errorField == field, "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/customers/nobody", method: .get, headers: test.auth) {
                #expect($0.status == .notFound && $0.errorCode == "not_found")
            }
            try await client.execute(uri: "/api/v1/customers?q=x", method: .get) { #expect($0.status == .unauthorized) }
        }
    }

    @Test func thePagesShowTheCustomerInEitherLanguageAndTheCaseLinksToIt() async throws {
        let localizer = try Localizer(defaultLanguage: "ru")
        try await TestApp.withRouter { test, client in
            try await Self.post(test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let headers: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            let href = "/customers/\(Self.phoneCustomer)"
            for (language, heading) in [("ru", "История клиента"), ("en", "Customer timeline")] {
                let foreign = PageLanguageTests.sentences(of: language == "ru" ? "en" : "ru", localizer: localizer)
                try await client.execute(uri: "/customers?q=8+912+345+67+89&lang=\(language)", method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("href=\"\(href)\""))
                }
                try await client.execute(uri: "\(href)?lang=\(language)", method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    let text = PageLanguageTests.visible(response.text)
                    #expect(text.contains(heading) && text.contains("+79123456789") && text.contains("n = 3"))
                    #expect(!text.contains("Optional(") && !text.contains(" nil"))
                    #expect(foreign.filter { text.contains($0) }.isEmpty, "\(language): \(foreign.filter { text.contains($0) }.prefix(3))")
                }
            }
            let item = try #require(try await test.app.database.cases.cases(.init(limit: 5)).first)
            try await client.execute(uri: "/cases/\(item.id)", method: .get, headers: headers) { response in
                #expect(response.text.contains("href=\"\(href)\""), "the case page links to its customer")
            }
            try await client.execute(uri: "/customers/nobody", method: .get, headers: headers) { #expect($0.status == .notFound) }
        }
    }

    @Test func noContactReachesTheLog() async throws {
        let capture = CapturedLog()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-server-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var logger = Logger(label: "t") { _ in CapturingLogHandler(lines: capture) }
        logger.logLevel = .debug
        let app = try await OtklikApp.open(
            AppConfiguration(databaseURL: "sqlite:\(directory.path)/test.sqlite", port: 0), logger: logger, hasher: PasswordHasher(cost: 4))
        try await app.database.reference.save(Location(code: "L01", name: "Офис"))
        try await app.database.reference.save(Location(code: "L02", name: "Офис 2"))
        try await app.database.access.createUser(username: "manager", passwordHash: try await app.hasher.hash(TestApp.password), role: .manager)
        let (_, key) = try await app.database.access.createApiKey(name: "tests")
        let test = TestApp(app: app, apiKey: key, directory: directory)
        try await app.buildApplication().test(.router) { client in
            try await Self.post(test, client)
            try await client.execute(uri: "/api/v1/customers?q=%2B79123456789", method: .get, headers: test.auth) { #expect($0.status == .ok) }
            try await client.execute(uri: "/api/v1/feedback?contact=8%20(912)%20345-67-89", method: .get, headers: test.auth) { _ in }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/customers?q=8+912+345+67+89", method: .get, headers: [.cookie: cookie]) { #expect($0.status == .ok) }
        }
        try await app.database.close()
        let text = capture.text
        #expect(text.contains("/api/v1/customers"), "requests are logged")
        for digits in ["9123456789", "345-67", "345 67", "345+67", "+7912"] { #expect(!text.contains(digits), "\(digits) in the log") }
    }
}

/// The search form is sent by GET as a browser encodes it: a space is `+`, a typed plus is `%2B`.
@Suite struct CustomerSearchFormTests {
    @Test func plusIsASpaceAndAnEncodedPlusIsAPlus() {
        #expect(CustomersPageController.formValue("q", in: "q=8+912+345+67+89&lang=ru") == "8 912 345 67 89")
        #expect(CustomersPageController.formValue("q", in: "lang=en&q=%2B44+20+7946+0958") == "+44 20 7946 0958")
        #expect(CustomersPageController.formValue("q", in: "lang=en") == nil)
        #expect(CustomersPageController.formValue("q", in: "q=%D0%90%D0%BD%D0%BD%D0%B0") == "Анна")
    }
}
