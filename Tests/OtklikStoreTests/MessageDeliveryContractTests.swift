import Foundation
import OtklikStore
import Testing

/// Delivery records on both engines: created at the first attempt, counted on each next one, `queued` while
/// retrying, `sent` with the provider's id, `failed` for good; a provider's report by its message id; the recipient
/// only hashed and masked.
@Suite struct MessageDeliveryContractTests {
    static func attempt(_ id: String, _ outcome: DeliveryAttempt.Outcome, recipient: String? = "+7 900 123-45-67") -> DeliveryAttempt {
        DeliveryAttempt(
            id: id, kind: "survey_invitation", subject: "inv-\(id)", channel: "sms", recipient: recipient, template: "survey_invitation_sms",
            language: "ru", provider: "gateway", outcome: outcome)
    }

    @Test(arguments: TestEngine.available)
    func attemptsRetriesAndTheOutcome(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let deliveries = database.deliveries
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let first = try await deliveries.record(Self.attempt("m1", .retrying(error: "temporary failure: HTTP 503")), now: start)
            #expect(first.status == .queued && first.attempts == 1 && first.lastError == "temporary failure: HTTP 503" && first.sentAt == nil)
            #expect(first.recipientMasked == "***67" && first.recipientHash == SQLMessageDeliveryRepository.recipientHash("+7 900 123-45-67"))
            #expect(first.recipientHash?.contains("900") == false && first.recipientHash?.count == 64)
            let sent = try await deliveries.record(Self.attempt("m1", .sent(providerId: "gw-7")), now: start.addingTimeInterval(60))
            #expect(sent.status == .sent && sent.attempts == 2 && sent.providerId == "gw-7" && sent.sentAt == start.addingTimeInterval(60))
            #expect(sent.createdAt == start && sent.updatedAt == start.addingTimeInterval(60) && sent.lastError == "temporary failure: HTTP 503")

            let report = try await deliveries.report(provider: "gateway", providerId: "gw-7", status: .bounced, error: "unknown number", now: start.addingTimeInterval(120))
            #expect(report?.id == "m1" && report?.status == .bounced && report?.lastError == "unknown number" && report?.finishedAt != nil)
            #expect(try await deliveries.report(provider: "gateway", providerId: "gw-unknown", status: .delivered, error: nil, now: start) == nil)
            await #expect(throws: (any Error).self) {
                try await deliveries.report(provider: "gateway", providerId: "gw-7", status: .queued, error: nil, now: start)
            }

            let failed = try await deliveries.record(Self.attempt("m2", .failed(error: "permanent failure: HTTP 400"), recipient: "Ivan@Example.ru"), now: start)
            #expect(failed.status == .failed && failed.attempts == 1 && failed.finishedAt == start && failed.recipientMasked == "I***@Example.ru")
            #expect(try await deliveries.deliveries(subject: "inv-m2").map(\.id) == ["m2"])
            #expect(try await deliveries.recent(status: .failed, limit: 10).map(\.id) == ["m2"])
            #expect(Set(try await deliveries.recent(status: nil, limit: 10).map(\.id)) == ["m1", "m2"])
            #expect(try await deliveries.delivery(id: "none") == nil)
        }
    }

    /// A caller limited to some locations (issue 21 item 3): the records of survey invitations at them, newest first and
    /// by status; a programme message (no location) and an invitation without one are left out; each record's location.
    @Test(arguments: TestEngine.available)
    func theRecordsOfInvitationsAtSomeLocations(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.sql.execute("INSERT INTO surveys (code, definition, purpose, created_at) VALUES ('visit', '{}', 'measurement', 1)")
            try await database.sql.execute(
                """
                INSERT INTO survey_invitations (id, survey_code, token_hash, location_code, status, invited_at, expires_at) VALUES
                    ('inv-a', 'visit', 'ha', 'L01', 'invited', 1, 2), ('inv-b', 'visit', 'hb', 'L02', 'invited', 1, 2),
                    ('inv-c', 'visit', 'hc', NULL, 'invited', 1, 2), ('inv-d', 'visit', 'hd', 'L01', 'invited', 1, 2)
                """)
            let deliveries = database.deliveries
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            func invitation(_ id: String, _ subject: String, _ outcome: DeliveryAttempt.Outcome, at minutes: Double) async throws {
                var attempt = Self.attempt(id, outcome)
                attempt.subject = subject
                try await deliveries.record(attempt, now: start.addingTimeInterval(minutes * 60))
            }
            try await invitation("m-a", "inv-a", .sent(providerId: "g1"), at: 1)
            try await invitation("m-b", "inv-b", .sent(providerId: "g2"), at: 2)
            try await invitation("m-c", "inv-c", .sent(providerId: "g3"), at: 3)
            try await invitation("m-d", "inv-d", .failed(error: "no route"), at: 4)
            try await deliveries.record(
                DeliveryAttempt(id: "m-p", kind: "programme_message", subject: "act-1", channel: "sms", recipient: "+7 900 1", template: "callback",
                                language: "ru", provider: "gateway", outcome: .sent(providerId: "g5")), now: start.addingTimeInterval(300))

            #expect(try await deliveries.recent(status: nil, limit: 10, locations: ["L01"]).map(\.id) == ["m-d", "m-a"], "newest first, L01's")
            #expect(try await deliveries.recent(status: .sent, limit: 10, locations: ["L01"]).map(\.id) == ["m-a"])
            #expect(try await deliveries.recent(status: nil, limit: 1, locations: ["L01", "L02"]).map(\.id) == ["m-d"])
            #expect(try await deliveries.recent(status: nil, limit: 10, locations: ["L01", "L02"]).map(\.id) == ["m-d", "m-b", "m-a"])
            #expect(try await deliveries.recent(status: nil, limit: 10, locations: []).isEmpty)
            #expect(try await deliveries.recent(status: nil, limit: 10).count == 5, "the organisation's: every record")

            let atL02 = try #require(try await deliveries.located(id: "m-b"))
            let stored = try await deliveries.delivery(id: "m-b")
            #expect(atL02.location == "L02" && atL02.delivery == stored)
            let unlocated = try #require(try await deliveries.located(id: "m-c"))
            #expect(unlocated.location == nil && unlocated.delivery.kind == "survey_invitation")
            let programme = try #require(try await deliveries.located(id: "m-p"))
            #expect(programme.location == nil && programme.delivery.kind == "programme_message")
            let none = try await deliveries.located(id: "none")
            #expect(none == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func aRecordWithoutARecipientKeepsNoAddress(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let record = try await database.deliveries.record(Self.attempt("m3", .failed(error: "no address"), recipient: nil), now: Date())
            #expect(record.recipientHash == nil && record.recipientMasked == nil && record.status == .failed)
        }
    }
}
