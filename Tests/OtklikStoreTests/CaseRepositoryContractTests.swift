import Foundation
import OtklikCore
import OtklikStore
import Testing

/// Cases: opened once per complaint, owned by the location's manager, acted on with a history — on both engines.
@Suite struct CaseRepositoryContractTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func feedback(_ id: String, kind: FeedbackKind = .informative, csat: Int? = nil, contact: String? = nil) -> Feedback {
        Feedback(id: id, ts: now.addingTimeInterval(-60), channel: .qrWeb, kind: kind, location: "L1", csat: csat, comment: "x", contact: contact)
    }

    @Test(arguments: TestEngine.available)
    func complaintsOpenOneCaseEachWithTheManagerAsOwner(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            try await database.reference.save(Staff(code: "M1", name: "Руководитель", location: "L1", role: "manager"))
            let items = [
                Self.feedback("f1", kind: .complaint, csat: 2, contact: "+7 900"),
                Self.feedback("f2", csat: 3, contact: "a@b.c"),  // a low score with a contact
                Self.feedback("f3", csat: 5, contact: "c@d.e"),  // praise: no case
                Self.feedback("f4", csat: 1),  // no contact: no one to answer
            ]
            _ = try await database.feedback.insert(items, createMissingReferences: false)
            let opened = try await database.cases.openCases(forFeedback: items.map(\.id), slaHours: 24, now: Self.now)
            #expect(opened.map(\.feedbackId).sorted() == ["f1", "f2"])
            #expect(opened.allSatisfy { $0.owner == "M1" && $0.status == .new && $0.dueAt == Self.now.addingTimeInterval(86_400) })
            #expect(try await database.cases.openCases(forFeedback: items.map(\.id), slaHours: 24, now: Self.now).isEmpty, "idempotent")
            #expect(try await database.cases.openMissingCases(slaHours: 24, now: Self.now).isEmpty)
            // A complaint stored without its case (a crash between the two) is healed by the sweep.
            _ = try await database.feedback.insert([Self.feedback("f5", kind: .complaint, csat: 1, contact: "+7 901")], createMissingReferences: false)
            #expect(try await database.cases.openMissingCases(slaHours: 8, now: Self.now).map(\.feedbackId) == ["f5"])
            let overdue = try await database.cases.cases(CaseFilter(overdueAt: Self.now.addingTimeInterval(9 * 3600)))
            #expect(overdue.map(\.feedbackId) == ["f5"])
        }
    }

    @Test(arguments: TestEngine.available)
    func actionsAreValidatedAndRecorded(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            _ = try await database.feedback.insert([Self.feedback("f1", kind: .complaint, csat: 2, contact: "+7 900")], createMissingReferences: false)
            let id = try #require(try await database.cases.openCases(forFeedback: ["f1"], slaHours: 24, now: Self.now).first?.id)
            #expect(try await database.cases.get(id: id)?.0.owner == nil, "no manager at the location: unassigned")
            let assigned = try await database.cases.apply(.assign(owner: "S7"), to: id, actor: "anna", now: Self.now)
            #expect(assigned.owner == "S7" && assigned.status == .inProgress)
            _ = try await database.cases.apply(.recordCallback(note: "извинились"), to: id, actor: "anna", now: Self.now.addingTimeInterval(60))
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.resolve(code: "magic", note: nil), to: id, actor: "anna", now: Self.now) }
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.setStatus(.closed), to: id, actor: "anna", now: Self.now) }
            let resolved = try await database.cases.apply(.resolve(code: "explained", note: "объяснили тариф"), to: id, actor: "anna", now: Self.now)
            #expect(resolved.status == .resolved && resolved.resolutionCode == "explained" && resolved.calledBackAt != nil)
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.resolve(code: "fixed", note: nil), to: id, actor: "anna", now: Self.now) }
            _ = try await database.cases.apply(.setStatus(.closed), to: id, actor: "anna", now: Self.now)
            let (final, events) = try #require(try await database.cases.get(id: id))
            #expect(final.status == .closed)
            #expect(events.map(\.kind) == [.opened, .assigned, .calledBack, .resolved, .status])
            #expect(events[3].text == "explained: объяснили тариф" && events[3].actor == "anna")
            await #expect(throws: OtklikError.self) { _ = try await database.cases.apply(.comment("x"), to: "case-none", actor: "anna", now: Self.now) }
        }
    }
}
