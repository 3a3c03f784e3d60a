import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikCore
@testable import OtklikServer
@testable import OtklikStore
import Testing

/// The customer's status page for a complaint (`/status/{token}`): the public status and dates in the reader's
/// language and nothing personal (not the comment, not the contact); while the case is open, no rating; once resolved,
/// one CSAT question whose answer is stored once; an unknown token is a 404.
@Suite struct CaseStatusPageTests {
    @Test func theStatusPageShowsTheCaseAndTakesOneRatingOnceResolved() async throws {
        try await TestApp.withRouter { test, client in
            let schedule = try await test.app.caseSchedule.current()
            let at = Date(timeIntervalSince1970: 1_795_000_000)
            _ = try await test.app.database.feedback.insert(
                [Feedback(id: "sp1", ts: at, channel: .qrWeb, kind: .complaint, location: "L01", nps: 2, comment: "Очередь на час", contact: "olga@example.ru")],
                createMissingReferences: false)
            _ = try await test.app.database.cases.openCases(forFeedback: ["sp1"], schedule: schedule, now: at)
            let token = try await test.app.database.sql.transaction { tx in try await SQLCaseStatusLinks.create(caseID: "case-sp1", now: at, tx) }

            try await client.execute(uri: "/status/\(token)?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"case-status\">received<"))
                // Opened on 2026-11-18 and due within days: today it is late, and the page says so rather than promising
                // a day gone by.
                #expect(response.text.contains("Taking longer than planned") && !response.text.contains("We aim to resolve it by"))
                #expect(response.text.contains("18 Nov 2026") && !response.text.contains("2026-11-18"), "the day written the page's way")
                #expect(!response.text.contains("Очередь") && !response.text.contains("olga@"), "nothing personal on the page")
                #expect(!response.text.contains("name=\"score\""), "no rating while the case is open")
            }
            let form: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
            try await client.execute(uri: "/status/\(token)", method: .post, headers: form, body: ByteBuffer(string: "score=5")) {
                #expect($0.status == .unprocessableContent)
            }
            _ = try await test.app.database.cases.apply(.resolve(code: "fixed", note: "Открыли второе окно"), to: "case-sp1", actor: "anna",
                now: at.addingTimeInterval(3_600), schedule: schedule)
            try await client.execute(uri: "/status/\(token)?lang=ru", method: .get) { response in
                #expect(response.text.contains("id=\"case-status\">решено<") && response.text.contains("Насколько вы довольны"))
                #expect(response.text.contains("<legend>") && response.text.contains("name=\"score\" value=\"1\""))
                #expect(!response.text.contains("Открыли второе окно"), "the staff's note is not shown")
            }
            // A rating posted from another site is refused (it was accepted before the form had the origin checks).
            var crossSite = form
            crossSite[HTTPField.Name("Sec-Fetch-Site")!] = "cross-site"
            try await client.execute(uri: "/status/\(token)", method: .post, headers: crossSite, body: ByteBuffer(string: "score=1")) {
                #expect($0.status == .forbidden)
            }
            var otherOrigin = form
            otherOrigin[.origin] = "https://evil.example"
            try await client.execute(uri: "/status/\(token)", method: .post, headers: otherOrigin, body: ByteBuffer(string: "score=1")) {
                #expect($0.status == .forbidden)
            }
            try await client.execute(uri: "/status/\(token)", method: .post, headers: form, body: ByteBuffer(string: "")) {
                #expect($0.status == .unprocessableContent && $0.text.contains("role=\"alert\""))
            }
            try await client.execute(uri: "/status/\(token)", method: .post, headers: form, body: ByteBuffer(string: "score=4")) {
                #expect($0.status == .seeOther && $0.headers[.location] == "/status/\(token)")
            }
            try await client.execute(uri: "/status/\(token)?lang=en", method: .get) { response in
                #expect(response.text.contains("Thank you. Your rating: 4 — satisfied") && !response.text.contains("name=\"score\""))
            }
            try await client.execute(uri: "/status/\(token)", method: .post, headers: form, body: ByteBuffer(string: "score=1")) {
                #expect($0.status == .unprocessableContent)
            }
            #expect(try await test.app.database.caseStatusLinks.status(token: token)?.rating == 4)
            try await client.execute(uri: "/status/nope", method: .get) { #expect($0.status == .notFound) }
            // A complaint opened now is on time: the page gives the planned date.
            let today = Date()
            _ = try await test.app.database.feedback.insert(
                [Feedback(id: "sp2", ts: today, channel: .qrWeb, kind: .complaint, location: "L01", nps: 1, contact: "ivan@example.ru")],
                createMissingReferences: false)
            _ = try await test.app.database.cases.openCases(forFeedback: ["sp2"], schedule: schedule, now: today)
            let onTime = try await test.app.database.sql.transaction { tx in try await SQLCaseStatusLinks.create(caseID: "case-sp2", now: today, tx) }
            try await client.execute(uri: "/status/\(onTime)?lang=ru", method: .get) { response in
                #expect(response.text.contains("Постараемся решить до") && !response.text.contains("больше времени"))
            }
            // Another system asks for a link of its own: a new token that shows the same case.
            var made = ""
            try await client.execute(uri: "/api/v1/cases/case-sp1/status-link", method: .post, headers: test.auth) { response in
                #expect(response.status == .created)
                made = response.json["status_url"] as? String ?? ""
            }
            #expect(made.hasPrefix("/status/") && made != "/status/\(token)")
            #expect(try await test.app.database.caseStatusLinks.status(token: String(made.dropFirst("/status/".count)))?.rating == 4)
            try await client.execute(uri: "/api/v1/cases/nope/status-link", method: .post, headers: test.auth) { #expect($0.status == .notFound) }
        }
    }
}
