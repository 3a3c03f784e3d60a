import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikApplication
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// `/programmes/{code}/messages`: what a scheduled programme sent to whom, with the address masked (the full address is
/// never on the page), by status, 50 to a page, in Russian and English; a wrong status is refused with the field named.
/// `/health` lists the programmes consumer; the programmes page describes a schedule in words and links to the messages.
@Suite struct ProgrammeMessagesPageTests {
    static let definition = """
        {"code": "monthly-news", "name": "Monthly news", "trigger": {"kind": "schedule", "every": "month", "day": 1, "at": "10:00"},
         "action": {"kind": "message", "channels": ["email"], "template": {"ru": {"subject": "Новости", "body": "Текст"}, "en": {"subject": "News", "body": "Text"}}},
         "limits": {"purpose": "service", "max_contacts": 5, "window_days": 7}, "holdout": 0.01, "outcome": "retention"}
        """

    @Test func theMessagesAreListedMaskedByStatusAndPaged() async throws {
        // Without the server's message dispatcher, which would send (log) the queued messages while the test reads them.
        try await TestApp.withRouter(background: false) { test, client in
            let database = test.app.database
            let programme = try ProgrammeDefinition.parse(Data(Self.definition.utf8))
            try await database.programmes.create(programme, now: Date().addingTimeInterval(-40 * 86_400))
            // 60 customers with an e-mail address and a consent to service e-mail.
            let now = Date()
            _ = try await database.feedback.insert((0..<60).map { index in
                Feedback(id: "mn-\(index)", ts: now.addingTimeInterval(-7_200), channel: .qrWeb, kind: .informative, location: "L01",
                    customer: "cust-\(index)", nps: 8, contact: "person\(index)@example.ru")
            }, createMissingReferences: true)
            try await database.consents.record((0..<60).map {
                Consent(id: "mn-\($0)", customer: "cust-\($0)", purpose: .service, channel: "email", source: "form", givenAt: now.addingTimeInterval(-86_400))
            })
            // Noon in the organisation's zone, so that no quiet hours hold the messages back.
            let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: now)!
            try await database.programmes.runOccurrence(
                programme, occurrence: "2026-12-01T10:00", candidates: try await database.programmes.roundCandidates(), organisationZone: zone, now: noon)
            // Newest first, then by id: the first of the list is the greatest id (all were queued at noon).
            let queued = try await database.programmes.pendingMessages(limit: 100, now: noon.addingTimeInterval(60)).sorted { $0.id > $1.id }
            let sent = queued.count
            #expect(sent >= 55, "the treated customers' messages are queued (\(sent))")
            try await database.programmes.markMessageFailed(id: queued[0].id, error: "421", now: noon, retryAfter: 60, maxAttempts: 5)
            try await database.programmes.markMessageFailed(id: queued[1].id, error: "550", now: noon, retryAfter: 60, maxAttempts: 1)

            let cookie = try #require(try await DashboardTests.login(client))
            let headers: HTTPFields = [.cookie: cookie]
            try await client.execute(uri: "/programmes/monthly-news/messages?lang=en", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"messages-total\">\(sent)<"))
                #expect(response.text.components(separatedBy: "class=\"programme-message ").count - 1 == 50)
                #expect(response.text.contains("id=\"page-next\""))
                #expect(response.text.contains("p***@example.ru"))
                #expect(!response.text.contains("person1@example.ru") && !response.text.contains("person12@"), "never the address in full")
                #expect(response.text.contains("retrying (failed attempts: 1)"))
                #expect(response.text.contains("pending: \(sent - 1)") && response.text.contains("failed: 1"))
            }
            try await client.execute(uri: "/programmes/monthly-news/messages?status=failed&lang=en", method: .get, headers: headers) { response in
                #expect(response.text.contains("id=\"messages-total\">1<"))
                #expect(response.text.contains("id=\"m-\(queued[1].id)\""))
                // Given up, the address is gone: no empty address after the customer.
                #expect(!response.text.contains("<span class=\"recipient\"></span>"), "\(response.text)")
                #expect(!response.text.contains("id=\"page-next\""))
            }
            try await client.execute(uri: "/programmes/monthly-news/messages?page=2&lang=ru", method: .get, headers: headers) { response in
                #expect(response.text.contains("id=\"page-prev\""))
                #expect(response.text.components(separatedBy: "class=\"programme-message ").count - 1 == sent - 50)
                #expect(response.text.contains("в очереди"))
            }
            try await client.execute(uri: "/programmes/monthly-news/messages?status=lost", method: .get, headers: headers) { response in
                #expect(response.status == .unprocessableContent)
                #expect(response.text.contains("status"))
            }
            try await client.execute(uri: "/programmes/nope/messages", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/programmes?lang=en", method: .get, headers: headers) { response in
                #expect(response.text.contains("every month on day 1 at 10:00"))
                #expect(response.text.contains("href=\"/programmes/monthly-news/messages\""))
            }
            try await client.execute(uri: "/programmes?lang=ru", method: .get, headers: headers) { response in
                #expect(response.text.contains("каждый месяц, 1-го числа в 10:00"))
            }
        }
    }

    /// A programme that has sent nothing says so; "no messages with this status" is only for a chosen status.
    @Test func anEmptyListSaysWhetherNothingWasSentOrNothingHasTheStatus() async throws {
        try await TestApp.withRouter(background: false) { test, client in
            let programme = try ProgrammeDefinition.parse(Data(Self.definition.utf8))
            try await test.app.database.programmes.create(programme, now: Date())
            let cookie = try #require(try await DashboardTests.login(client))
            let cases: [(String, String)] = [
                ("?lang=en", "This programme has not sent any message yet."), ("?lang=en&status=failed", "No messages with this status."),
                ("?lang=ru", "Эта программа ещё не отправила ни одного сообщения."), ("?lang=ru&status=sent", "Сообщений с таким статусом нет."),
            ]
            for (query, expected) in cases {
                try await client.execute(uri: "/programmes/monthly-news/messages\(query)", method: .get, headers: [.cookie: cookie]) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("role=\"status\">\(expected)</p>"), "\(query)")
                }
            }
        }
    }

    @Test func healthListsTheProgrammesConsumer() async throws {
        try await TestApp.withRouter { test, client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(FeedConsumerFailureTests.consumer(ProgrammeRunner.consumerName, in: response.json) != nil, "\(response.text)")
            }
        }
    }
}
