import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// The customer pages' actions on a real HTTP stack: a manager keeps a probable match apart (remembered: the same
/// import does not propose it again) or merges one, and unmerges on the customer page, each with a result message; a
/// viewer reads contacts masked and cannot act; forms without the session's token are refused.
@Suite struct CustomerPagesTests {
    static func location(_ response: TestResponse) -> String { response.headers[.location] ?? "" }

    static func importCSV(_ test: TestApp, _ client: any TestClientProtocol, _ csv: String) async throws -> Int {
        var headers = test.auth
        headers[.contentType] = "text/csv"
        return try await client.execute(uri: "/api/v1/customers/import", method: .post, headers: headers, body: ByteBuffer(string: csv)) {
            $0.json["reviewed"] as? Int ?? -1
        }
    }

    @Test func reviewDecisionsAndUnmergeFromThePages() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            let pair = "id,device\nC1,kiosk-1\nC7,kiosk-1\n"
            #expect(try await Self.importCSV(test, client, pair) == 1)
            let cookie = try #require(try await DashboardTests.login(client))
            let page: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            var item = try #require(try await test.app.database.customerReview.open().first)
            try await client.execute(uri: "/customers?lang=en", method: .get, headers: page) { response in
                #expect(response.text.contains("id=\"review\"") && response.text.contains("action=\"/customers/review/\(item.id)\""))
                #expect(response.text.contains("a shared device") && response.text.contains("name=\"csrf\""))
            }
            try await client.execute(
                uri: "/customers/review/\(item.id)", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "decision=keep_apart")
            ) { #expect($0.status == .forbidden, "no token, no decision") }
            try await client.execute(
                uri: "/customers/review/\(item.id)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "decision=keep_apart")
            ) { response in
                #expect(response.status == .seeOther)
                let target = Self.location(response).replacingOccurrences(of: "#review-h", with: "&lang=en")
                try await client.execute(uri: target, method: .get, headers: page) { shown in
                    #expect(shown.text.contains("Kept apart: C1 and C7"), "\(Self.location(response))")
                    #expect(shown.text.contains("id=\"review-empty\""))
                }
            }
            #expect(try await Self.importCSV(test, client, pair) == 0, "a pair kept apart is not proposed again")
            try await client.execute(
                uri: "/customers/review/\(item.id)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "decision=merge")
            ) { #expect($0.status == .conflict, "decided already") }

            #expect(try await Self.importCSV(test, client, "id,device\nC1,kiosk-2\nC8,kiosk-2\n") == 1)
            item = try #require(try await test.app.database.customerReview.open().first)
            try await client.execute(
                uri: "/customers/review/\(item.id)?lang=en", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "decision=merge")
            ) { response in
                #expect(response.status == .conflict, "two customer ids: the rules refuse the merge, and the page says why")
                #expect(response.text.contains("external id"), "\(response.text.prefix(3000))")
            }
            let mergeID = try await test.app.database.customerMerges.merge(
                survivor: "C1", absorbed: CustomerAPITests.phoneCustomer, evidence: ["rule": "manual"], actor: "test").id
            try await client.execute(uri: "/customers/C1?lang=en", method: .get, headers: page) { response in
                #expect(response.text.contains("id=\"merges\"") && response.text.contains("value=\"\(mergeID)\""))
                #expect(response.text.contains("Unmerge"))
            }
            try await client.execute(
                uri: "/customers/C1/unmerge", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "merge=\(mergeID)")
            ) { response in
                #expect(response.status == .seeOther)
                try await client.execute(uri: Self.location(response) + "&lang=ru", method: .get, headers: page) { shown in
                    #expect(shown.text.contains("Объединение отменено"))
                    #expect(shown.text.contains("отменено"))
                }
            }
            #expect(try await test.app.database.customerMerges.merges(of: "C1").allSatisfy { $0.undoneAt != nil })
            try await client.execute(
                uri: "/customers/C1/unmerge", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "merge=nothing")
            ) { #expect($0.status == .notFound) }
        }
    }

    @Test func anIdentitysSourceIsNamedInThePagesLanguage() async throws {
        try await TestApp.withRouter { test, client in
            #expect(try await Self.importCSV(test, client, "id,email\nK9,k9@example.ru\n") == 0)
            let cookie = try #require(try await DashboardTests.login(client))
            let page: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            for (language, word) in [("ru", "импорт"), ("en", "import")] {
                try await client.execute(uri: "/customers/K9?lang=\(language)", method: .get, headers: page) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains(">\(word)<"), "\(language): the import, named")
                    if language == "ru" { #expect(!response.text.contains(">import<"), "no English source on the Russian page") }
                }
            }
        }
    }

    /// A contact's service by its name (its topic only where it is not the service's code), its wait and talk time on the
    /// timeline as a person reads them, and a purchase's amount with its thousands grouped (an e-mail answered after 235,916 seconds is
    /// "2 д 18 ч" / "2 d 18 h": 2 d 17 h 32 min, rounded to the hour), not a count of seconds to divide.
    @Test func aContactsWaitAndTalkReadAsDaysHoursAndMinutes() async throws {
        try await TestApp.withRouter { test, client in
            let mail = Interaction(id: "m-1", channel: .email, queue: "Q", service: "SV1", customer: "W1", topic: "SV1",
                                   arrivedAt: Date(timeIntervalSince1970: 1_780_000_000), outcome: .answered, waitSeconds: 235_916, talkSeconds: 300)
            let call = Interaction(id: "c-1", channel: .callCenter, queue: "Q", service: "SV1", customer: "W1", topic: "card_blocked",
                                   arrivedAt: Date(timeIntervalSince1970: 1_780_000_050), outcome: .answered, waitSeconds: 20, talkSeconds: 60)
            _ = try await test.app.database.interactions.insert([mail, call], createMissingReferences: true)
            let purchase = Transaction(id: "p-1", ts: Date(timeIntervalSince1970: 1_780_000_100), customer: "W1", amount: 12_345.5)
            _ = try await test.app.database.transactions.insert([purchase], createMissingReferences: true)
            let cookie = try #require(try await DashboardTests.login(client))
            let page: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            let views = [("ru", "ожидание: 2 д 18 ч", "разговор: 5 мин", "сумма: 12 345,50"), ("en", "wait: 2 d 18 h", "talk: 5 min", "amount: 12,345.50")]
            for (language, wait, talk, amount) in views {
                try await client.execute(uri: "/customers/W1?lang=\(language)", method: .get, headers: page) { response in
                    #expect(response.status == .ok)
                    let shown = response.text.replacingOccurrences(of: "\u{a0}", with: " ")
                    #expect(shown.contains(wait) && shown.contains(talk), "\(language)")
                    #expect(shown.contains(amount), "\(language): an amount with its thousands")
                    #expect(!response.text.contains("235916"))
                    // The service by its name; a topic only where it says more than the service's code.
                    let service = language == "ru" ? "услуга: Вклад" : "service: Вклад"
                    #expect(response.text.components(separatedBy: service).count == 3, "\(language): both contacts name their service")
                    #expect(!response.text.contains("SV1") && response.text.contains("card_blocked"), "\(language)")
                }
            }
        }
    }

    @Test func viewersReadContactsMaskedAndCannotAct() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            #expect(try await Self.importCSV(test, client, "id,device\nC1,kiosk-1\nC7,kiosk-1\n") == 1)
            try await test.app.database.access.createUser(username: "viewer", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .viewer)
            let cookie = try #require(try await client.execute(
                uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "username=viewer&password=\(TestApp.password.replacingOccurrences(of: " ", with: "+"))&next=%2F")
            ) { $0.headers[.setCookie].map { String($0.split(separator: ";")[0]) } })
            let page: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            try await client.execute(uri: "/customers/\(CustomerAPITests.phoneCustomer)?lang=en", method: .get, headers: page) { response in
                #expect(response.status == .ok)
                #expect(!response.text.contains("9123456789") && response.text.contains("***89"), "masked for viewers")
                #expect(response.text.contains("Not enough data"), "no transactions, no value")
            }
            try await client.execute(uri: "/customers?q=8+912+345+67+89", method: .get, headers: page) { response in
                #expect(response.text.contains("***89") && !response.text.contains("9123456789"))
                #expect(!response.text.contains("id=\"review\""), "viewers do not see the review queue")
            }
            let item = try #require(try await test.app.database.customerReview.open().first)
            try await client.execute(
                uri: "/customers/review/\(item.id)", method: .post, headers: DashboardTests.form(cookie), body: ByteBuffer(string: "decision=merge")
            ) { #expect($0.status == .forbidden) }
            #expect(try await test.app.database.customerReview.open().count == 1)
        }
    }
}
