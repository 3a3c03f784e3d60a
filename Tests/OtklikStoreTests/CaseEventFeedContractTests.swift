import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore
import Testing

/// Case history on the change feed, on both engines: every line a case gets — opened, assigned, resolved, reopened —
/// appends a `case_events` event in its transaction, and a durable consumer reads the lines in order with the case's
/// kind and customer, each once per consumer, again from the start for a new one; a refused action appends nothing.
@Suite struct CaseEventFeedContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    static let schedule = CaseSchedule(clock: BusinessClock(timeZone: TimeZone(identifier: "UTC")!))

    @Test(arguments: TestEngine.available)
    func aConsumerFollowsCasesOpenedAndChangedInOrder(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            var complaint = Feedback(
                id: "f1", ts: Self.now.addingTimeInterval(-60), channel: .qrWeb, kind: .complaint, location: "L1", csat: 2, comment: "x",
                contact: "+7 900 000-00-01")
            complaint.customer = "C-77"
            _ = try await database.feedback.insert([complaint], createMissingReferences: true)
            let id = try #require(try await database.cases.openCases(forFeedback: ["f1"], schedule: Self.schedule, now: Self.now).first?.id)
            _ = try await database.cases.apply(.assign(owner: "S7"), to: id, actor: "anna", now: Self.now.addingTimeInterval(10), schedule: Self.schedule)
            _ = try await database.cases.apply(.resolve(code: "explained", note: nil), to: id, actor: "anna", now: Self.now.addingTimeInterval(20), schedule: Self.schedule)
            await #expect(throws: OtklikError.self) {
                _ = try await database.cases.apply(.resolve(code: "fixed", note: nil), to: id, actor: "anna", now: Self.now.addingTimeInterval(30), schedule: Self.schedule)
            }

            let seen = Seen()
            func step(_ consumer: String) async throws -> Int {
                try await CaseEventFeedStep.run(consumer: consumer, limit: 100, database: database.sql) { entries, _ in
                    await seen.add(consumer, entries)
                    return entries.count
                }.handled
            }
            #expect(try await step("programmes") == 3)
            let entries = await seen.entries["programmes"] ?? []
            #expect(entries.map(\.event.kind) == [.opened, .assigned, .resolved], "in feed order; the refused second resolve left nothing")
            #expect(entries.map(\.position) == entries.map(\.position).sorted() && Set(entries.map(\.position)).count == 3)
            #expect(entries.allSatisfy { $0.event.caseId == id && $0.caseKind == "complaint" && $0.location == "L1" && $0.feedbackId == "f1" })
            let customer = try #require(entries.first?.customer, "the case's feedback is linked to a customer")
            #expect(!customer.isEmpty)
            #expect(try await step("programmes") == 0, "read once per consumer")
            _ = try await database.cases.apply(.reopen(reason: "клиент перезвонил"), to: id, actor: "anna", now: Self.now.addingTimeInterval(40), schedule: Self.schedule)
            #expect(try await step("programmes") == 1)
            #expect(await seen.entries["programmes"]?.last?.event.kind == .reopened)
            #expect(try await step("replay") == 4, "a new consumer reads every line from the start")
        }
    }

    actor Seen {
        var entries: [String: [CaseFeedEntry]] = [:]
        func add(_ consumer: String, _ more: [CaseFeedEntry]) { entries[consumer, default: []] += more }
    }
}
