import Foundation
import Hummingbird
import HummingbirdTesting
import OtklikCore
import Testing

/// Issue 15 item 11: the case list a manager works from — rating, reason and comment, search, "my cases" and
/// "unassigned", pages newest first, an HTML answer to a bad filter, a confirmation after each action.
@Suite struct CaseListPageTests {
    /// `count` complaints an hour apart (the newest `fb-0`), each with a contact, so each opens a case.
    static func complaints(_ count: Int, _ test: TestApp, _ client: any TestClientProtocol) async throws {
        var items: [[String: Any]] = []
        for index in 0..<count {
            let ts = Timestamp.format(Date().addingTimeInterval(Double(-3_600 * (index + 1))))
            let location = index % 2 == 0 ? "L01" : "L02"
            let comment = index == 7 ? "Нагрубили у окна семь" : "Долго ждал"
            var item: [String: Any] = ["id": "fb-\(index)", "ts": ts, "channel": "qr_web", "location": location, "csat": 1]
            item["comment"] = comment
            item["contact"] = "+7 900 000-00-\(index)"
            items.append(item)
        }
        try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": items])) {
            #expect($0.status == .created)
        }
    }

    static func ids(_ html: String) -> [String] {
        html.matches(of: /id="sel-([^"]+)"/).map { String($0.1) }
    }

    @Test func theListPagesNewestFirstAndShowsWhatTheCustomerSaid() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.complaints(120, test, client)
            let cookie = try #require(try await DashboardTests.login(client))
            let headers: HTTPFields = [.cookie: cookie, .accept: "text/html"]
            var newest: [String] = []
            try await client.execute(uri: "/cases?status=all&lang=en", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.contains("text/html") == true)
                #expect(response.text.contains("id=\"cases-total\">120<"))
                newest = Self.ids(response.text)
                #expect(newest.count == 50)
                #expect(response.text.contains("CSAT 1 of 5"))
                #expect(response.text.contains("Долго ждал"))
                #expect(response.text.contains("id=\"page-next\""))
            }
            let all = try await test.app.database.cases.cases(.init(limit: 1000))
            let byOpening = all.sorted { ($0.openedAt, $0.id) > ($1.openedAt, $1.id) }.map(\.id)
            #expect(newest == Array(byOpening.prefix(50)))
            try await client.execute(uri: "/cases?status=all&page=3", method: .get, headers: headers) { response in
                #expect(Self.ids(response.text) == Array(byOpening[100..<120]))
            }
            try await client.execute(uri: "/cases?q=%D1%81%D0%B5%D0%BC%D1%8C", method: .get, headers: headers) { response in
                #expect(Self.ids(response.text).count == 1)
            }
            let unassigned = all.filter { $0.owner == nil }.count
            #expect(unassigned > 0)
            try await client.execute(uri: "/cases?view=unassigned&status=all", method: .get, headers: headers) { response in
                #expect(response.text.contains("id=\"cases-total\">\(unassigned)<"))
            }
            try await client.execute(uri: "/cases?status=nonsense", method: .get, headers: headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.headers[.contentType]?.contains("text/html") == true)
            }
            try await client.execute(uri: "/cases?status=nonsense", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.headers[.contentType]?.contains("text/html") == true)
            }
            // A confirmation after an action.
            let id = newest[0]
            try await client.execute(
                uri: "/cases/\(id)", method: .post, headers: DashboardTests.form(cookie),
                body: ByteBuffer(string: "action=note&text=%D0%BF%D0%BE%D0%B7%D0%B2%D0%BE%D0%BD%D0%B8%D1%82%D1%8C")
            ) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/cases/\(id)?done=note")
            }
            try await client.execute(uri: "/cases/\(id)?done=note&lang=ru", method: .get, headers: headers) { response in
                #expect(response.text.contains("id=\"case-done\">Заметка добавлена."))
                #expect(response.text.contains("уходит клиенту"))
            }
        }
    }

    @Test func myCasesAreTheOnesIOwn() async throws {
        try await TestApp.withRouter { test, client in
            try await Self.complaints(6, test, client)
            try await test.app.database.access.setStaff(username: "manager", staff: "S01")
            let mine = try await test.app.database.cases.cases(.init(limit: 2)).map(\.id)
            for id in mine {
                try await client.execute(uri: "/api/v1/cases/\(id)/actions", method: .post, headers: test.auth, body: jsonBody(["action": "assign", "owner": "S01"])) {
                    #expect($0.status == .ok)
                }
            }
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/cases?view=mine", method: .get, headers: [.cookie: cookie]) { response in
                #expect(Set(Self.ids(response.text)) == Set(mine))
            }
        }
    }

    @Test func aFirstResponseTwoWeeksLateIsOverdueAndABreachShowsItsDeadline() async throws {
        let now = Date()
        var item = FeedbackCase(
            id: "c", feedbackId: nil, location: "L01", staff: nil, owner: nil, status: .new, openedAt: now.addingTimeInterval(-20 * 86_400),
            dueAt: now.addingTimeInterval(-14 * 86_400))
        item.firstResponseDueAt = now.addingTimeInterval(-14 * 86_400)
        #expect(item.isFirstResponseOverdue(now: now))
        item.firstResponseAt = now.addingTimeInterval(-13 * 86_400)
        #expect(!item.isFirstResponseOverdue(now: now))
    }

    @Test func aDeadlineNeverEscalatesToTheOwnerItself() async throws {
        try await TestApp.withRouter { test, client in
            try await test.app.database.reference.save(Staff(code: "M01", name: "Руководитель", location: "L01", role: "manager"))
            let item: [String: Any] = [
                "id": "late", "ts": Timestamp.format(Date().addingTimeInterval(-600)), "channel": "qr_web", "location": "L01", "csat": 1,
                "contact": "+7 900 000-00-00",
            ]
            try await client.execute(uri: "/api/v1/feedback", method: .post, headers: test.auth, body: jsonBody(["items": [item]])) {
                #expect($0.status == .created)
            }
            let opened = try #require(try await test.app.database.cases.cases(.init()).first)
            #expect(opened.owner == "M01")
            let schedule = try await test.app.caseSchedule.current()
            _ = try await test.app.cases.supervise(now: opened.dueAt.addingTimeInterval(3_600), schedule: schedule)
            let (after, events) = try #require(try await test.app.database.cases.get(id: opened.id))
            #expect(after.escalationLevel != 1)
            #expect(!events.contains { $0.kind == .escalated && ($0.text ?? "").contains("M01") })
            let told = try await test.app.database.notifications.notifications(for: .staff("M01"), unreadOnly: false, limit: 100)
            #expect(!told.contains { $0.kind == .caseEscalated })
            // The page says the escalation in Russian, and the breach with its deadline.
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/cases/\(opened.id)?lang=ru", method: .get, headers: [.cookie: cookie]) { response in
                #expect(!response.text.contains("deadline passed"))
                #expect(!response.text.contains("level 2"))
                #expect(response.text.contains("срок был"))
            }
        }
    }
}
