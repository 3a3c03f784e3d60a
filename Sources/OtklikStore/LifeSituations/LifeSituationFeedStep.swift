import Foundation
import OtklikCore

/// One step of the `life-situations` durable feed consumer (``FeedStep``: at least once, all or nothing per step): the
/// customers whose service requests, transactions or interactions the stretch stored have all their signals run
/// through the detector again, and the detections not yet stored are recorded with one `life_situation.detected` event,
/// in the transaction that moves the position. A replay finds every detection stored (by id and window) and adds none.
public enum LifeSituationFeedStep {
    public static let consumer = "life-situations"
    /// The tables whose customers a step reads, by the kind of their events.
    static let tables: [(FeedEventKind, String)] = [(.serviceRequests, "service_requests"), (.transactions, "transactions"), (.interactions, "interactions")]
    static let reads = Set(tables.map(\.0))

    public static func run(database: any SQLDatabase, limit: Int, now: Date = Date()) async throws -> (handled: Int, caughtUp: Bool) {
        let repository = SQLLifeSituationRepository(database: database)
        return try await FeedStep.run(consumer: consumer, limit: limit, database: database, reading: Self.reads, idle: { $0.1.isEmpty }, read: { stretch -> ([LifeSituation], [LifeSituationDetection]) in
            var customers: Set<String> = []
            for (kind, table) in Self.tables where stretch.mayHold(kind) {
                for row in try await database.query(
                    "SELECT DISTINCT customer_id FROM \(table) WHERE feed_position > ? AND feed_position <= ? AND customer_id IS NOT NULL",
                    [.int(stretch.from), .int(stretch.through)])
                {
                    if let id = row.text("customer_id") { customers.insert(id) }
                }
            }
            guard !customers.isEmpty else { return ([], []) }
            let catalogue = try await repository.situations()
            let ids = customers.sorted()
            let found = LifeSituationDetector(catalogue: catalogue).detect(try await repository.occurrences(of: ids, catalogue: catalogue))
            return (catalogue, found)
        }, work: { read, tx in
            try await repository.record(read.1, catalogue: read.0, now: now, in: tx)
        })
    }
}
