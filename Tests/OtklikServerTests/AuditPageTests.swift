import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
import OtklikStore
import Testing

/// Issue 21 item 4: the audit log's page `/audit` — the entries of `GET /api/v1/audit` for an administrator, newest first,
/// filtered by customer, who, action and period, paged as the API is, each held customer linked to their page; everyone
/// else gets the product's refusal; what entries hold is escaped.
@Suite struct AuditPageTests {
    static let en: [String: String] = [
        "audit_actor_user": "User", "audit_actor_api": "API key", "audit_actor_cli": "Command line", "audit_customer": "Customer",
        "audit_customers": "Customers (list or search)", "audit_action_view": "Viewed", "audit_action_role": "Changed role or scope",
        "audit_everyone": "Everyone",
    ]

    @Test func theModelNamesWhoLinksHeldCustomersAndPages() {
        let at = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00 UTC
        let entries = [
            AuditEntry(id: "a1", at: at, actor: "user:boss", action: "view", subjectId: "c_held", detail: "timeline"),
            AuditEntry(id: "a2", at: at, actor: "api:crm", action: "erase", subjectId: "c_erased", detail: "customers c_erased"),
            AuditEntry(id: "a3", at: at, actor: "user:boss", action: "search", subjectId: nil, detail: "by q"),
            AuditEntry(id: "a4", at: at, actor: "cli", action: "role", subjectKind: "user", subjectId: "vera", detail: ""),
        ]
        var filters = AuditLogPage.Filters()
        filters.customer = "c 1+2"
        filters.from = "2027-01-01"
        let page = AuditLogPage.make(
            entries: entries, total: 120, offset: 50, filters: filters, actors: ["api:crm", "cli", "user:boss"], heldCustomers: ["c_held"],
            users: ["vera"], text: Self.en, timeZone: TimeZone(identifier: "Europe/Moscow")!)
        #expect(page.rows.map(\.actor) == ["User boss", "API key crm", "User boss", "Command line"])
        #expect(page.rows.map(\.subject) == ["Customer c_held", "Customer c_erased", "Customers (list or search)", "User vera"])
        #expect(page.rows.map(\.subjectHref) == ["/customers/c_held", nil, nil, "/admin/users/vera"], "an erased customer has no page to link")
        #expect(page.rows[0].action == "Viewed" && page.rows[3].action == "Changed role or scope")
        #expect(page.rows[1].action == "erase", "a key missing from the text falls back to the stored action")
        #expect(page.rows[3].detail == nil && page.rows[3].storedDetail == nil, "an empty detail is none")
        #expect(page.rows[0].detail == nil && page.rows[0].storedDetail == "timeline", "an entry without facts: its words as stored")
        #expect(page.rows[0].iso == "2027-01-15T08:00:00.000Z" && page.rows[0].at.contains("11:00"), "Moscow is UTC+3: \(page.rows[0].at)")
        // 120 entries, 50 a page, the second page: 51–54 shown here (4 rows given), page 2 of 3, both ways on.
        #expect(page.range == "51–54" && page.pageNumber == 2 && page.pageCount == 3 && page.paged)
        #expect(page.previous == "/audit?customer=c%201%2B2&from=2027-01-01", "the first page needs no offset")
        #expect(page.next == "/audit?customer=c%201%2B2&from=2027-01-01&offset=100")
        #expect(page.actors.map(\.code) == ["", "api:crm", "cli", "user:boss"] && page.actors[0].selected)
        #expect(page.actions.count == AuditEntry.actions.count + 1 && page.filtered)

        let first = AuditLogPage.make(
            entries: [], total: 0, offset: 0, filters: .init(actor: "api:gone"), actors: [], heldCustomers: [], users: [], text: Self.en,
            timeZone: TimeZone(identifier: "UTC")!)
        #expect(!first.hasRows && !first.paged && first.previous == nil && first.next == nil && first.range == "0")
        #expect(first.actors.map(\.code) == ["", "api:gone"] && first.actors[1].selected, "a chosen actor no longer in the log stays chosen")
    }

    @Test func theFiltersAreCheckedNamingTheField() throws {
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        let (filters, filter) = try AuditPageController.filter(
            ["customer": " c1 ", "actor": "user:boss", "action": "view", "from": "2026-12-01", "to": "2026-12-01", "offset": "50"], timeZone: moscow)
        #expect(filters.customer == "c1" && filter.subjectId == "c1" && filter.actor == "user:boss" && filter.action == "view")
        // One Moscow day, both ends included: [30 Nov 21:00 UTC, 1 Dec 21:00 UTC).
        #expect(filter.since == Timestamp.parse("2026-11-30T21:00:00Z") && filter.until == Timestamp.parse("2026-12-01T21:00:00Z"))
        #expect(filter.offset == 50 && filter.limit == AuditLogPage.pageSize)
        let none = try AuditPageController.filter([:], timeZone: moscow).1
        #expect(none == AuditFilter(offset: 0, limit: AuditLogPage.pageSize))
        for (query, field) in [
            (["from": "01.12.2026"], "from"), (["to": "2026-13-01"], "to"), (["action": "peek"], "action"), (["offset": "-1"], "offset"),
            (["offset": "ten"], "offset"), (["from": "2026-12-02", "to": "2026-12-01"], "to"),
        ] {
            #expect(throws: OtklikError.self, "\(query)") { try AuditPageController.filter(query, timeZone: moscow) }
            do { _ = try AuditPageController.filter(query, timeZone: moscow) } catch { #expect(error.field == field, "\(query)") }
        }
    }

    @Test func anAdministratorReadsTheLogAndNobodyElse() async throws {
        try await TestApp.withRouter { test, client in
            try await CustomerAPITests.post(test, client)
            let customer = CustomerAPITests.phoneCustomer
            try await test.app.database.access.createUser(username: "boss", passwordHash: try await test.app.hasher.hash(TestApp.password), role: .administrator)
            let boss = try #require(try await NotificationPageTests.login(client, user: "boss"))
            try await client.execute(uri: "/customers/\(customer)", method: .get, headers: [.cookie: boss]) { #expect($0.status == .ok) }
            let audit = SQLAuditLog(database: test.app.database.sql)
            // What an entry holds is data, written escaped.
            try await audit.record(AuditEntry(
                at: Date().addingTimeInterval(-1), actor: "cli", action: "export", subjectId: "c1", facts: .exportFile("<i>c1</i>.json")))
            try await audit.record(AuditEntry(actor: "api:<script>alert(1)</script>", action: "export", subjectId: "gone<b>", detail: "<img src=x onerror=alert(2)>"))
            try await client.execute(uri: "/audit?lang=en", method: .get, headers: [.cookie: boss, .accept: "text/html"]) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<caption id=\"audit-caption\">") && html.contains("<th scope=\"col\">When</th>"))
                #expect(html.contains("<a href=\"/customers/\(customer)\">Customer \(customer)</a>"), "the viewed customer, linked")
                #expect(html.contains("<td>User boss</td><td>Viewed</td>"))
                #expect(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("<img src=x") && html.contains("&lt;img src=x onerror=alert(2)&gt;"), "a detail as stored, escaped")
                #expect(!html.contains("<i>c1") && html.contains("to the file &lt;i&gt;c1&lt;/i&gt;.json"), "a value worded in, escaped")
                #expect(!html.contains("href=\"/customers/gone"), "no page for a customer not held")
                #expect(html.contains("href=\"/audit\""), "the navigation offers the page")
                let total = html.components(separatedBy: "id=\"audit-total\">")[1].prefix(while: \.isNumber)
                let api = try await audit.list(AuditFilter()).total
                #expect(Int(total) == api, "the page's total is the log's")
                // Newest first: the escaped entry written last is the first row.
                let firstRow = html.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tr>")[0]
                #expect(firstRow.contains("Exported"), "\(firstRow)")
            }
            let filtered = "/audit?lang=en&customer=\(customer)&actor=user%3Aboss&action=view"
            try await client.execute(uri: filtered, method: .get, headers: [.cookie: boss]) { response in
                let rows = response.text.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0].components(separatedBy: "</tr>").dropLast()
                let expected = try await audit.list(AuditFilter(actor: "user:boss", action: "view", subjectId: customer)).total
                #expect(rows.count == expected && expected >= 1, "\(rows.count) rows, \(expected) in the log")
                #expect(rows.allSatisfy { $0.contains("User boss") && $0.contains("Viewed") })
                #expect(response.text.contains("<option value=\"user:boss\" selected>User boss</option>"))
            }
            try await client.execute(uri: "/audit?lang=ru&customer=nobody", method: .get, headers: [.cookie: boss]) { response in
                #expect(response.status == .ok && response.text.contains("id=\"audit-none\"") && response.text.contains("Под этот отбор"))
            }
            try await client.execute(uri: "/audit?lang=ru", method: .get, headers: [.cookie: boss]) { response in
                #expect(response.text.contains("Журнал аудита персональных данных") && response.text.contains("<td>Пользователь boss</td><td>Просмотр</td>"))
            }
            try await client.execute(uri: "/audit?lang=en&from=yesterday", method: .get, headers: [.cookie: boss, .accept: "text/html"]) { response in
                #expect(response.status == .unprocessableContent && response.text.contains("class=\"sections\""))
            }
            // Reading the log is not itself audited.
            let before = try await audit.list(AuditFilter()).total
            try await client.execute(uri: "/audit", method: .get, headers: [.cookie: boss]) { #expect($0.status == .ok) }
            #expect(try await audit.list(AuditFilter()).total == before)

            let manager = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/audit?lang=en", method: .get, headers: [.cookie: manager, .accept: "text/html"]) { response in
                #expect(response.status == .forbidden)
                #expect(response.text.contains("class=\"sections\""), "the product's error page, with the manager's navigation")
                #expect(!response.text.contains("audit-table") && !response.text.contains(customer))
            }
            try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: manager, .accept: "text/html"]) { response in
                #expect(!response.text.contains("href=\"/audit\""), "no link for a manager")
            }
        }
    }
}
