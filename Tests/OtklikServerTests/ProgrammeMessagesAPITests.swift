import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OtklikApplication
import OtklikCore
import OtklikServer
import OtklikStore
import Testing

/// `GET /api/v1/programmes/{code}/messages`: the API twin of `/programmes/{code}/messages` — messages in every state
/// (queued, being retried, given up, sent, sent and reported delivered), counted by status, filtered, paged by
/// limit/offset, the address masked exactly as the page shows it and never in full; a bad parameter is a 422 naming it,
/// an unknown programme a 404; callers scoped to locations are refused as on the page.
@Suite struct ProgrammeMessagesAPITests {
    @Test func messagesInEveryStateAreCountedFilteredPagedAndMasked() async throws {
        // Without the server's message dispatcher, which would send (log) the queued messages while the test reads them.
        try await TestApp.withRouter(background: false) { test, client in
            let database = test.app.database
            let programme = try ProgrammeDefinition.parse(Data(ProgrammeMessagesPageTests.definition.utf8))
            try await database.programmes.create(programme, now: Date().addingTimeInterval(-40 * 86_400))
            let now = Date()
            _ = try await database.feedback.insert((0..<60).map { index in
                Feedback(id: "ma-\(index)", ts: now.addingTimeInterval(-7_200), channel: .qrWeb, kind: .informative, location: "L01",
                    customer: "cust-\(index)", nps: 8, contact: "person\(index)@example.ru")
            }, createMissingReferences: true)
            try await database.consents.record((0..<60).map {
                Consent(id: "ma-\($0)", customer: "cust-\($0)", purpose: .service, channel: "email", source: "form", givenAt: now.addingTimeInterval(-86_400))
            })
            let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let noon = calendar.date(bySettingHour: 12, minute: 0, second: 0, of: now)!
            try await database.programmes.runOccurrence(
                programme, occurrence: "2026-12-01T10:00", candidates: try await database.programmes.roundCandidates(), organisationZone: zone, now: noon)
            // All were queued at noon: newest first means the greatest id first.
            let queued = try await database.programmes.pendingMessages(limit: 100, now: noon.addingTimeInterval(60)).sorted { $0.id > $1.id }
            let all = queued.count
            #expect(all >= 55, "the treated customers' messages are queued (\(all))")
            let (retrying, givenUp, delivered, sent) = (queued[0], queued[1], queued[2], queued[3])
            try await database.programmes.markMessageFailed(id: retrying.id, error: "421", now: noon, retryAfter: 60, maxAttempts: 5)
            try await database.programmes.markMessageFailed(id: givenUp.id, error: "550", now: noon, retryAfter: 60, maxAttempts: 1)
            // Sent with a delivery record that keeps the masked address, then reported delivered by the provider.
            try await database.deliveries.record(DeliveryAttempt(
                id: delivered.id, kind: "programme_message", subject: delivered.action, channel: "email", recipient: delivered.recipient,
                template: "programme:monthly-news", language: "ru", provider: "test", outcome: .sent(providerId: "p-delivered")), now: noon)
            try await database.programmes.markMessageSent(id: delivered.id, now: noon)
            _ = try await database.deliveries.report(provider: "test", providerId: "p-delivered", status: .delivered, error: nil, now: noon)
            // Sent without a delivery record: the address is gone.
            try await database.programmes.markMessageSent(id: sent.id, now: noon)

            let uri = "/api/v1/programmes/monthly-news/messages"
            let firstPage: [[String: Any]] = try await client.execute(uri: uri, method: .get, headers: test.auth) { response in
                #expect(response.status == .ok)
                #expect(response.json["programme"] as? String == "monthly-news" && response.json["status"] is NSNull)
                #expect(response.json["total"] as? Int == all && response.json["limit"] as? Int == 50 && response.json["offset"] as? Int == 0)
                let counts = try #require(response.json["counts"] as? [String: Int])
                #expect(counts == ["pending": all - 3, "sent": 2, "failed": 1])
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.count == 50)
                #expect(items.first?["id"] as? String == retrying.id, "newest first, then by id")
                #expect(!response.text.contains("person"), "never an address in full")
                return items
            }
            let byId = Dictionary(uniqueKeysWithValues: firstPage.map { ($0["id"] as? String ?? "", $0) })
            let retryingItem = try #require(byId[retrying.id])
            #expect(retryingItem["status"] as? String == "pending" && retryingItem["attempts"] as? Int == 1)
            let retryingAddress = try #require(retrying.recipient)
            #expect(retryingItem["recipient"] as? String == RecipientMask.mask(retryingAddress) && retryingAddress.hasPrefix("person"))
            #expect(retryingItem["customer_id"] as? String == retrying.customer && retryingItem["channel"] as? String == "email")
            #expect(retryingItem["delivery_status"] is NSNull && retryingItem["sent_at"] is NSNull && retryingItem["created_at"] is String)
            let givenUpItem = try #require(byId[givenUp.id])
            #expect(givenUpItem["status"] as? String == "failed" && givenUpItem["recipient"] is NSNull, "given up, the address is gone")
            let deliveredItem = try #require(byId[delivered.id])
            #expect(deliveredItem["status"] as? String == "sent" && deliveredItem["delivery_status"] as? String == "delivered")
            #expect(deliveredItem["recipient"] as? String == "p***@example.ru" && deliveredItem["sent_at"] is String)
            let sentItem = try #require(byId[sent.id])
            #expect(sentItem["status"] as? String == "sent" && sentItem["recipient"] is NSNull && sentItem["delivery_status"] is NSNull)

            // The page masks each address exactly so.
            let cookie = try #require(try await DashboardTests.login(client))
            try await client.execute(uri: "/programmes/monthly-news/messages?status=sent&lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("id=\"m-\(delivered.id)\""))
                #expect(response.text.contains("<span class=\"recipient\">\(deliveredItem["recipient"] as? String ?? "?")</span>"))
            }
            try await client.execute(uri: "/programmes/monthly-news/messages?lang=en", method: .get, headers: [.cookie: cookie]) { response in
                #expect(response.text.contains("<span class=\"recipient\">\(retryingItem["recipient"] as? String ?? "?")</span>"))
            }

            // The rest by offset: every message once.
            try await client.execute(uri: "\(uri)?limit=50&offset=50", method: .get, headers: test.auth) { response in
                let rest = try #require(response.json["items"] as? [[String: Any]])
                #expect(rest.count == all - 50)
                #expect(Set((firstPage + rest).compactMap { $0["id"] as? String }).count == all)
            }
            try await client.execute(uri: "\(uri)?limit=2&offset=1", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.compactMap { $0["id"] as? String } == [givenUp.id, delivered.id])
                #expect(response.json["total"] as? Int == all)
            }
            try await client.execute(uri: "\(uri)?status=sent", method: .get, headers: test.auth) { response in
                #expect(response.json["status"] as? String == "sent" && response.json["total"] as? Int == 2)
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(Set(items.compactMap { $0["id"] as? String }) == [delivered.id, sent.id])
                #expect((response.json["counts"] as? [String: Int])?["pending"] == all - 3, "the counts are the whole programme's")
            }
            try await client.execute(uri: "\(uri)?status=failed", method: .get, headers: test.auth) { response in
                let items = try #require(response.json["items"] as? [[String: Any]])
                #expect(items.compactMap { $0["id"] as? String } == [givenUp.id])
            }
        }
    }

    @Test func badParametersUnknownProgrammesAndScopedCallersAreRefused() async throws {
        try await TestApp.withRouter(background: false) { test, client in
            let programme = try ProgrammeDefinition.parse(Data(ProgrammeMessagesPageTests.definition.utf8))
            try await test.app.database.programmes.create(programme, now: Date())
            let uri = "/api/v1/programmes/monthly-news/messages"
            try await client.execute(uri: uri, method: .get, headers: test.auth) { response in
                #expect(response.status == .ok && response.json["total"] as? Int == 0)
                #expect(response.json["counts"] as? [String: Int] == ["pending": 0, "sent": 0, "failed": 0])
                #expect((response.json["items"] as? [Any])?.isEmpty == true)
            }
            for (query, field) in [
                ("status=lost", "status"), ("limit=0", "limit"), ("limit=501", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset"),
                ("offset=x", "offset"),
            ] {
                try await client.execute(uri: "\(uri)?\(query)", method: .get, headers: test.auth) { response in
                    #expect(response.status == .unprocessableContent && response.errorField == field, "\(query): \(response.text)")
                }
            }
            try await client.execute(uri: "/api/v1/programmes/nope/messages", method: .get, headers: test.auth) { response in
                #expect(response.status == .notFound && response.errorField == "code")
            }
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .unauthorized) }
            let reader = try await test.app.database.access.createApiKey(name: "reader", scope: .read, area: .organisation).secret
            try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(reader)"]) { #expect($0.status == .ok) }
            let l01 = try await test.app.database.access.createApiKey(name: "l01", scope: .read, area: .locations(["L01"])).secret
            try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer \(l01)"]) { response in
                #expect(response.status == .unprocessableContent && response.errorField == "scope_programmes",
                        "messages are not tied to a location: refused to scoped callers saying why, as the page")
            }
        }
    }
}
