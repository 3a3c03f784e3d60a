import Foundation
import OtklikMetrics

/// Reads the churn model's signals (``ChurnSignal``) for every customer as of a moment, in SQL both engines share, from
/// transactions, feedback and its comment analysis, cases (through their feedback's customer) and interactions.
/// Only what happened before the moment counts. An erased customer is left out.
///
/// - active customers: a purchase (a transaction with a positive amount) in [at − activeDays, at);
/// - recency: days from the last purchase to `at`; frequency: purchases before `at`; monetary: their mean amount;
///   tenure: days from the first purchase to `at`;
/// - in [at − activeDays, at): detractor answers (NPS 0–6), complaints (feedback of kind `complaint`), negative comments
///   (comment analysis label `negative`), late cases (opened in the window and resolved after their deadline, or still
///   unresolved at `at` with the deadline passed), repeat contacts (interactions with an earlier interaction of the same
///   customer on the same topic at most 7 days before);
/// - unresolved complaints or cases: cases opened before `at` and not resolved before it.
public struct SQLChurnFeatureSource: Sendable {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    static func ms(_ date: Date) -> SQLValue { .int(Int64((date.timeIntervalSince1970 * 1000).rounded())) }
    static let dayMs = 86_400_000.0

    public func features(at: Date, activeDays: Int) async throws -> [ChurnFeatures] {
        let end = Self.ms(at), start = Self.ms(at.addingTimeInterval(-Double(activeDays) * 86_400))
        let atMs = Double(end.int ?? 0)
        var values: [String: [ChurnSignal: Double]] = [:]
        for row in try await database.query(
            """
            SELECT t.customer_id AS customer, MIN(t.ts) AS first_ts, MAX(t.ts) AS last_ts, COUNT(*) AS purchases, SUM(t.amount) AS spend
            FROM transactions t JOIN customers c ON c.id = t.customer_id
            WHERE t.ts < ? AND t.amount > 0 AND c.erased = 0
            GROUP BY t.customer_id HAVING MAX(t.ts) >= ?
            """, [end, start])
        {
            guard let customer = row.text("customer") else { continue }
            let purchases = row["purchases"].double ?? 0
            values[customer] = [
                .recency: (atMs - (row["last_ts"].double ?? atMs)) / Self.dayMs,
                .frequency: purchases,
                .monetary: purchases > 0 ? (row["spend"].double ?? 0) / purchases : 0,
                .tenure: (atMs - (row["first_ts"].double ?? atMs)) / Self.dayMs,
            ]
        }
        func add(_ sql: String, _ binds: [SQLValue], _ columns: [(String, ChurnSignal)]) async throws {
            for row in try await database.query(sql, binds) {
                guard let customer = row.text("customer"), values[customer] != nil else { continue }
                for (column, signal) in columns { values[customer]?[signal] = row[column].double ?? 0 }
            }
        }
        try await add(
            """
            SELECT f.customer_id AS customer,
              SUM(CASE WHEN f.nps <= 6 THEN 1 ELSE 0 END) AS detractors,
              SUM(CASE WHEN f.kind = 'complaint' THEN 1 ELSE 0 END) AS complaints,
              SUM(CASE WHEN a.label = 'negative' THEN 1 ELSE 0 END) AS negative
            FROM feedback f LEFT JOIN comment_analysis a ON a.feedback_id = f.id
            WHERE f.customer_id IS NOT NULL AND f.ts >= ? AND f.ts < ?
            GROUP BY f.customer_id
            """, [start, end], [("detractors", .detractorAnswers), ("complaints", .complaints), ("negative", .negativeComments)])
        try await add(
            """
            SELECT f.customer_id AS customer,
              SUM(CASE WHEN c.resolved_at IS NULL OR c.resolved_at >= ? THEN 1 ELSE 0 END) AS unresolved,
              SUM(CASE WHEN c.opened_at >= ? AND (
                    (c.resolved_at IS NOT NULL AND c.resolved_at < ? AND c.resolved_at > c.due_at)
                 OR ((c.resolved_at IS NULL OR c.resolved_at >= ?) AND c.due_at < ?)) THEN 1 ELSE 0 END) AS late
            FROM cases c JOIN feedback f ON f.id = c.feedback_id
            WHERE f.customer_id IS NOT NULL AND c.opened_at < ?
            GROUP BY f.customer_id
            """, [end, start, end, end, end, end], [("unresolved", .unresolvedComplaint), ("late", .lateCases)])
        try await add(
            """
            SELECT i.customer_id AS customer, COUNT(*) AS repeats
            FROM interactions i
            WHERE i.customer_id IS NOT NULL AND i.arrived_at >= ? AND i.arrived_at < ?
              AND EXISTS (SELECT 1 FROM interactions e
                          WHERE e.customer_id = i.customer_id AND e.id <> i.id
                            AND e.arrived_at <= i.arrived_at AND e.arrived_at >= i.arrived_at - 604800000
                            AND (e.topic = i.topic OR (e.topic IS NULL AND i.topic IS NULL))
                            AND (e.arrived_at < i.arrived_at OR e.id < i.id))
            GROUP BY i.customer_id
            """, [start, end], [("repeats", .repeatContacts)])
        return values.keys.sorted().map { ChurnFeatures(customer: $0, values: values[$0] ?? [:]) }
    }

    /// The customers with a purchase in [from, to).
    public func purchasers(from: Date, to: Date) async throws -> Set<String> {
        Set(try await database.query(
            "SELECT DISTINCT customer_id AS customer FROM transactions WHERE amount > 0 AND ts >= ? AND ts < ?",
            [Self.ms(from), Self.ms(to)]
        ).compactMap { $0.text("customer") })
    }
}
