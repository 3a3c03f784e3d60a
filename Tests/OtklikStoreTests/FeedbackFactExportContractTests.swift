import Foundation
import OtklikCore
import OtklikMetrics
@testable import OtklikStore
import Testing

/// The step of the durable consumer that copies feedback facts to ClickHouse, on every engine, without ClickHouse: its
/// first step copies every stored row (rows older than the change feed and rows whose events were pruned included) in
/// chunks and moves the position to the head; later steps copy only what the feed added; a delivery that fails leaves
/// the position where it was, so the stretch is delivered again (at least once).
@Suite struct FeedbackFactExportContractTests {
    static let monday = ISO8601DateFormatter().date(from: "2026-03-02T10:00:00Z")!

    static func feedback(_ id: String, minute: Double, nps: Int, location: String = "L1") -> Feedback {
        Feedback(id: id, ts: monday.addingTimeInterval(minute * 60), channel: .web, kind: .informative, location: location, nps: nps)
    }

    /// Runs steps until the head, collecting what each delivery carried.
    final class Deliveries: @unchecked Sendable {
        var batches: [[FeedbackFactExport.Item]] = []
        var items: [FeedbackFactExport.Item] { batches.flatMap { $0 } }
    }

    static func drain(_ database: AppDatabase, chunk: Int = 2, into deliveries: Deliveries) async throws -> Int {
        var steps = 0
        while true {
            steps += 1
            let step = try await FeedbackFactExport.step(consumer: "clickhouse", limit: 500, chunk: chunk, database: database.sql) {
                deliveries.batches.append($0)
            }
            if step.caughtUp { return steps }
            #expect(steps < 20)
        }
    }

    struct Refused: Error {}

    @Test(arguments: TestEngine.available)
    func theFirstStepCopiesEveryRowInChunksAndLaterStepsOnlyTheNewOnes(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            let first = (1...5).map { Self.feedback("a\($0)", minute: Double($0), nps: $0 + 5) }
            _ = try await database.feedback.insert(first, createMissingReferences: false)
            // A row stored before the change feed existed has no position; the events of the first write are pruned.
            try await database.sql.execute("UPDATE feedback SET feed_position = NULL WHERE id = 'a1'")
            _ = try await database.feedback.insert([Self.feedback("b1", minute: 10, nps: 0)], createMissingReferences: false)
            try await database.feed.prune(olderThan: 0, now: Date().addingTimeInterval(3600))
            let head = try await database.feed.head()

            let deliveries = Deliveries()
            _ = try await Self.drain(database, into: deliveries)
            #expect(deliveries.items.map(\.id).sorted() == ["a1", "a2", "a3", "a4", "a5", "b1"])
            #expect(deliveries.batches.allSatisfy { $0.count <= 2 }, "chunks of at most 2 rows")
            #expect(deliveries.items.first { $0.id == "a3" }?.fact == FeedbackFact(first[2]))
            #expect(try await database.feedConsumers.position(of: "clickhouse") == head)

            // Later writes: only they are delivered.
            let later = Deliveries()
            _ = try await database.feedback.insert(
                [Self.feedback("c1", minute: 20, nps: 9), Self.feedback("c2", minute: 21, nps: 3)], createMissingReferences: false)
            _ = try await database.feedback.insert([Self.feedback("c3", minute: 22, nps: 10)], createMissingReferences: false)
            _ = try await Self.drain(database, into: later)
            #expect(later.items.map(\.id) == ["c1", "c2", "c3"])
            #expect(try await database.feedConsumers.position(of: "clickhouse") == database.feed.head())
        }
    }

    @Test(arguments: TestEngine.available)
    func aRefusedDeliveryIsDeliveredAgain(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            try await database.reference.save(Location(code: "L1", name: "Офис"))
            _ = try await database.feedback.insert([Self.feedback("a1", minute: 1, nps: 10)], createMissingReferences: false)
            _ = try await Self.drain(database, into: Deliveries())
            let position = try await database.feedConsumers.position(of: "clickhouse")
            _ = try await database.feedback.insert([Self.feedback("d1", minute: 2, nps: 1)], createMissingReferences: false)
            await #expect(throws: Refused.self) {
                _ = try await FeedbackFactExport.step(consumer: "clickhouse", limit: 500, chunk: 100, database: database.sql) { _ in throw Refused() }
            }
            #expect(try await database.feedConsumers.position(of: "clickhouse") == position, "the position stays")
            let retry = Deliveries()
            _ = try await Self.drain(database, into: retry)
            #expect(retry.items.map(\.id) == ["d1"])

            // A first step refused: nothing is stored for the consumer, and the next first step copies everything.
            await #expect(throws: Refused.self) {
                _ = try await FeedbackFactExport.step(consumer: "other", limit: 500, chunk: 100, database: database.sql) { _ in throw Refused() }
            }
            #expect(try await !database.feedConsumers.all().map(\.name).contains("other"))
        }
    }
}
