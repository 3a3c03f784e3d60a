import Foundation
import OtklikCore
import OtklikInterchange
import Testing

@testable import OtklikStore

/// The exact bytes of each webhook event shape as the outbox stores it (and a receiver gets it): the envelope's
/// `type`, `timestamp` and `data`, keys sorted, ISO-8601 times, no contact on a feedback event. Pinned so that a change
/// to where the format lives cannot change what receivers parse.
@Suite struct WebhookPayloadPinTests {
    static let at = Date(timeIntervalSince1970: 1_780_000_000.25)

    /// Enqueues one event of each shape on a real SQLite store with a webhook subscribed to every type, and reads the
    /// payloads back.
    static func storedPayloads() async throws -> [String: String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-pin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try await AppDatabase.open("sqlite:\(directory.path)/test.sqlite", logger: TestEngine.logger)
        defer { Task { try? await database.close() } }
        _ = try await database.webhooks.create(url: "https://receiver.example.ru/hook", eventTypes: ["*"])
        let feedback = Feedback(
            id: "f-1", ts: at, channel: .qrWeb, kind: .complaint, location: "msk-01", staff: "s1", customer: "cus_1", nps: 3, csat: 1,
            reasons: ["queue", "rude"], comment: "Очередь \"как всегда\" / долго", contact: "+79001234567", lang: "ru")
        var item = FeedbackCase(
            id: "case-f-1", feedbackId: "f-1", location: "msk-01", staff: "s1", owner: "m1", status: .inProgress, openedAt: at,
            dueAt: at.addingTimeInterval(86400))
        item.escalationLevel = 1
        item.priority = .high
        let problem = Problem(id: "prb-1", location: "msk-01", theme: "queue", status: .open, openedAt: at, owner: "m1")
        let event = CaseEvent(caseId: item.id, at: at, actor: "m1", kind: .escalated, text: "level 1 (manager): m1")
        let escalated = item
        try await database.sql.transaction { tx in
            try await Outbox.enqueue(type: "feedback.received", events: [FeedbackWebhookData(feedback)], ids: ["msg_feedback"], at: at, tx)
            try await Outbox.enqueue(type: "case.escalated", events: [CaseWebhookData(escalated, event: event)], ids: ["msg_case"], at: at, tx)
            try await Outbox.enqueue(type: "problem.opened", events: [ProblemWebhookData(problem, cases: 3)], ids: ["msg_problem"], at: at, tx)
            try await Outbox.enqueue(
                type: "programme.action",
                events: [ProgrammeActionWebhookData(programme: "win-back", action: "webhook", customer: "cus_1", trigger: "feedback:f-1", channel: "sms", arm: "treatment", at: at)],
                ids: ["msg_programme"], at: at, tx)
        }
        var payloads: [String: String] = [:]
        for row in try await database.sql.query("SELECT id, payload FROM outbox", []) {
            payloads[try row.string("id")] = try row.string("payload")
        }
        return payloads
    }

    @Test func eachEventShapeKeepsItsExactJSON() async throws {
        let payloads = try await Self.storedPayloads()
        #expect(payloads["msg_feedback"] == #"""
            {"data":{"channel":"qr_web","comment":"Очередь \"как всегда\" / долго","csat":1,"customer":"cus_1","has_contact":true,"id":"f-1","kind":"complaint","lang":"ru","location":"msk-01","nps":3,"reasons":["queue","rude"],"staff":"s1","ts":"2026-05-28T20:26:40.250Z"},"timestamp":"2026-05-28T20:26:40.250Z","type":"feedback.received"}
            """#)
        #expect(payloads["msg_case"] == #"""
            {"data":{"breached":false,"due_at":"2026-05-29T20:26:40.250Z","escalation_level":1,"event":{"actor":"m1","kind":"escalated","text":"level 1 (manager): m1"},"feedback_id":"f-1","id":"case-f-1","kind":"complaint","location":"msk-01","opened_at":"2026-05-28T20:26:40.250Z","owner":"m1","priority":"high","staff":"s1","status":"in_progress"},"timestamp":"2026-05-28T20:26:40.250Z","type":"case.escalated"}
            """#)
        #expect(payloads["msg_problem"] == #"""
            {"data":{"cases":3,"id":"prb-1","location":"msk-01","owner":"m1","status":"open","theme":"queue"},"timestamp":"2026-05-28T20:26:40.250Z","type":"problem.opened"}
            """#)
        #expect(payloads["msg_programme"] == #"""
            {"data":{"action":"webhook","arm":"treatment","at":"2026-05-28T20:26:40.250Z","channel":"sms","customer_id":"cus_1","programme":"win-back","trigger":"feedback:f-1"},"timestamp":"2026-05-28T20:26:40.250Z","type":"programme.action"}
            """#)
        #expect(!payloads.values.contains { $0.contains("+7900") }, "no contact leaves Otklik")
    }
}
