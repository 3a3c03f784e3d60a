import Foundation
import OtklikCore

/// The `customer-praise` consumer of the change feed: positive feedback naming a staff member — NPS 9-10, CSAT 5, or
/// (without a score) a comment whose sentiment is positive (``Recognition/praiseBasis(nps:csat:sentiment:)``) — becomes
/// a recognition for that staff member, once per feedback (`feedback_id` is unique and the insert skips a conflict, so
/// a stretch read twice adds nothing). It follows the `text-analysis` consumer, so a comment's sentiment is known when
/// the step reads it.
public enum CustomerPraiseFeedStep {
    public static let consumer = "customer-praise"
    static let leader = "text-analysis"

    struct Praise: Sendable {
        var feedback: String
        var staff: String
        var basis: Recognition.Basis
        var at: Int64
    }

    /// The feedback records one step of the server's consumer takes at most: a step of 500 events (about 1,500
    /// records under 2,800 POSTs a second) held SQLite's writer 7-17 ms while the feedback group commits queued behind
    /// it (the write profile, docs/benchmarks.md); 256 records hold it 1.7 ms (p99 4 ms).
    public static let recordsPerStep = 256

    /// One step over at most `limit` events holding about `records` feedback records (``FeedStep``).
    public static func run(
        database: any SQLDatabase, limit: Int, records: Int = ChangeFeed.recordsPerStep
    ) async throws -> (handled: Int, caughtUp: Bool) {
        try await FeedStep.run(consumer: consumer, limit: limit, records: records, database: database, following: leader, reading: [.feedback], idle: { $0.isEmpty }, read: { stretch -> [Praise] in
            guard stretch.mayHold(.feedback) else { return [] }
            return try await database.query(
                """
                SELECT f.id, f.staff_code, f.nps, f.csat, f.ts, a.label FROM feedback f LEFT JOIN comment_analysis a ON a.feedback_id = f.id
                WHERE f.feed_position > ? AND f.feed_position <= ? AND f.staff_code IS NOT NULL
                """, [.int(stretch.from), .int(stretch.through)]
            ).compactMap { row -> Praise? in
                guard let basis = Recognition.praiseBasis(nps: row.int("nps"), csat: row.int("csat"), sentiment: row.text("label")) else { return nil }
                return Praise(feedback: try row.string("id"), staff: try row.string("staff_code"), basis: basis, at: row.int64("ts") ?? 0)
            }
        }, work: { praise, tx in
            // One prepared statement for the stretch (SQLite's writer binds it row by row in one access): a stretch
            // holds hundreds of praises under load, and a statement each held the writer's lock 7-15 ms.
            try await tx.insertRows(
                "recognitions", columns: ["id", "kind", "to_staff", "feedback_id", "basis", "text", "created_at"],
                rows: praise.map { item -> [SQLValue] in
                    [.text("praise-" + item.feedback), .text("customer_praise"), .text(item.staff), .text(item.feedback),
                     .text(item.basis.rawValue), .text(""), .int(item.at)]
                },
                suffix: "ON CONFLICT DO NOTHING")
            return praise.count
        })
    }
}
