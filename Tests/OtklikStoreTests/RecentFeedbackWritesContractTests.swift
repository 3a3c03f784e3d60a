import Foundation
import OtklikCore
@testable import OtklikStore
import Testing

/// The feedback a process has just committed, kept for its own feed consumers, on every engine: a stretch taken from
/// memory gives exactly the rows the store gives for it (order, normalised values, the customer as read back, the time
/// of receipt); a stretch with a group this process did not write, or across a gap, is not answered from memory.
@Suite struct RecentFeedbackWritesContractTests {
    static let now = Date()

    static func feedback(_ id: String, _ edit: (inout Feedback) -> Void = { _ in }) -> Feedback {
        var item = Feedback(id: id, ts: now.addingTimeInterval(-60), channel: .qrWeb, kind: .informative, location: "L1", nps: 3)
        edit(&item)
        return item
    }

    static func stretch(after from: Int64, _ database: AppDatabase) async throws -> FeedStep.Stretch {
        let events = try await database.feed.events(after: from, limit: 100)
        return FeedStep.Stretch(from: from, through: events.last?.position ?? from, events: events, gap: events.first.map { $0.position != from + 1 } ?? false)
    }

    static func stored(_ stretch: FeedStep.Stretch, _ database: AppDatabase) async throws -> [(feedback: Feedback, receivedAt: Date)] {
        try await database.sql.query(
            "SELECT \(Feedback.columns) FROM feedback WHERE feed_position > ? AND feed_position <= ? ORDER BY feed_position, id",
            [.int(stretch.from), .int(stretch.through)]
        ).map { (try Feedback(row: $0), Date(timeIntervalSince1970: TimeInterval($0.int64("received_at") ?? 0) / 1000)) }
    }

    @Test(arguments: TestEngine.available)
    func memoryGivesWhatTheStoreGives(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            // A customer known by a phone and one by the client's id, the second merged into the first: a record sent later
            // with that id is stored with the first customer, and reads back with it.
            _ = try await database.feedback.insert(
                [Self.feedback("m-a") { $0.contact = "+7 916 555-00-01" }, Self.feedback("m-b") { $0.customer = "client-b" }], createMissingReferences: false)
            let ids = try await database.sql.query("SELECT id, customer_id FROM feedback WHERE id IN ('m-a', 'm-b')")
                .reduce(into: [String: String]()) { $0[$1.text("id") ?? ""] = $1.text("customer_id") }
            let survivor = try #require(ids["m-a"]), absorbed = try #require(ids["m-b"])
            _ = try await database.customerMerges.merge(survivor: survivor, absorbed: absorbed, evidence: ["test": "same person"], actor: "test")
            let from = try await database.feed.head()
            // Ids out of order, a customer id sent, a contact only, a comment with its language detected, reasons,
            // padded codes, a button press; then a second write of which one record is a duplicate.
            _ = try await database.feedback.insert([
                Self.feedback("f-3") { $0.customer = "client-42"; $0.comment = "Очень долго ждал в очереди" },
                Self.feedback("f-1") { $0.contact = "+7 (916) 123-45-67"; $0.reasons = ["queue", "staff"] },
                Self.feedback("F-2") { $0.location = " L1 "; $0.button = .negative; $0.nps = nil },
            ], createMissingReferences: false)
            _ = try await database.feedback.insert(
                [Self.feedback("f-1") { $0.contact = "+7 (916) 123-45-67"; $0.reasons = ["queue", "staff"] }, Self.feedback("f-4") { $0.customer = "client-42" },
                 Self.feedback("f-5") { $0.customer = "client-b" }],
                createMissingReferences: false)
            let stretch = try await Self.stretch(after: from, database)
            #expect(stretch.events.filter { $0.kind == .feedback }.count == 2)
            let remembered = try #require(database.recentFeedback.rows(of: stretch))
            let stored = try await Self.stored(stretch, database)
            #expect(remembered.map(\.feedback) == stored.map(\.feedback))
            #expect(remembered.map(\.receivedAt) == stored.map(\.receivedAt))
            #expect(stored.map(\.feedback.id) == ["F-2", "f-1", "f-3", "f-4", "f-5"])
            #expect(stored.first { $0.feedback.id == "f-5" }?.feedback.customer == survivor)
            // The customer the client's id resolved to comes back; a customer reached by the contact does not.
            #expect(stored.first { $0.feedback.id == "f-3" }?.feedback.customer != nil)
            #expect(stored.first { $0.feedback.id == "f-1" }?.feedback.customer == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func aGroupWrittenElsewhereOrAGapIsReadFromTheStore(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            let from = try await database.feed.head()
            _ = try await database.feedback.insert([Self.feedback("a")], createMissingReferences: false)
            // Another process (another AppDatabase over the same store) writes the next group.
            let other = AppDatabase(sql: database.sql)
            _ = try await other.feedback.insert([Self.feedback("b")], createMissingReferences: false)
            let both = try await Self.stretch(after: from, database)
            #expect(database.recentFeedback.rows(of: both) == nil)
            #expect(other.recentFeedback.rows(of: both) == nil)
            let first = FeedStep.Stretch(from: from, through: both.events[0].position, events: [both.events[0]], gap: false)
            #expect(database.recentFeedback.rows(of: first)?.map(\.feedback.id) == ["a"])
            var gap = first
            gap.gap = true
            #expect(database.recentFeedback.rows(of: gap) == nil)
        }
    }

    @Test func holdsAtMostItsCapacityOldestGroupsLeavingFirst() {
        let recent = RecentFeedbackWrites(capacity: 3)
        func group(_ position: Int64, _ ids: [String]) -> CommittedGroup<Feedback> {
            CommittedGroup(position: position, records: ids.map { Self.feedback($0) })
        }
        func stretch(_ position: Int64) -> FeedStep.Stretch {
            FeedStep.Stretch(from: position - 1, through: position, events: [FeedEvent(position: position, kind: .feedback, records: 1, createdAt: Self.now)], gap: false)
        }
        recent.remember(group(1, ["a", "b"]))
        recent.remember(group(2, ["c"]))
        #expect(recent.rows(of: stretch(1))?.count == 2)
        recent.remember(group(3, ["d"]))
        #expect(recent.rows(of: stretch(1)) == nil)
        #expect(recent.rows(of: stretch(2))?.map(\.feedback.id) == ["c"])
        #expect(recent.rows(of: stretch(3))?.map(\.feedback.id) == ["d"])
        recent.remember(group(4, ["e", "f", "g", "h"]))
        #expect(recent.rows(of: stretch(4)) == nil)
    }

    @Test func holdsAtMostItsTextCapacity() {
        let recent = RecentFeedbackWrites(capacity: 100, textCapacity: 10)
        func group(_ position: Int64, _ comment: String) -> CommittedGroup<Feedback> {
            CommittedGroup(position: position, records: [Self.feedback("c\(position)") { $0.comment = comment }])
        }
        func stretch(_ position: Int64) -> FeedStep.Stretch {
            FeedStep.Stretch(from: position - 1, through: position, events: [FeedEvent(position: position, kind: .feedback, records: 1, createdAt: Self.now)], gap: false)
        }
        recent.remember(group(1, "12345678"))
        recent.remember(group(2, "abcdef"))
        #expect(recent.rows(of: stretch(1)) == nil)
        #expect(recent.rows(of: stretch(2))?.count == 1)
        recent.remember(group(3, "a comment longer than ten bytes"))
        #expect(recent.rows(of: stretch(3)) == nil)
    }

    @Test(arguments: TestEngine.available)
    func anErasureEmptiesTheMemory(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Region(code: "R1", name: "Москва"))
            try await database.reference.save(Location(code: "L1", name: "Офис", region: "R1"))
            let from = try await database.feed.head()
            _ = try await database.feedback.insert([Self.feedback("e1") { $0.contact = "+7 916 555-00-09"; $0.comment = "Позвоните мне" }], createMissingReferences: false)
            let stretch = try await Self.stretch(after: from, database)
            #expect(database.recentFeedback.rows(of: stretch)?.first?.feedback.contact != nil)
            let customer = try #require(try await database.sql.query("SELECT customer_id FROM feedback WHERE id = 'e1'").first?.text("customer_id"))
            try await database.customerErasure.erase(customer)
            // The consumers now read the store, where the erasure has removed the contact.
            #expect(database.recentFeedback.rows(of: stretch) == nil)
            #expect(try await Self.stored(stretch, database).first?.feedback.contact == nil)
        }
    }
}
