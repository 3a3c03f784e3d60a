import Foundation
import OtklikCore

/// One table's part of a customer's timeline: where its items are, how one is ordered (its moment and id), which are
/// the customer's, and how a row becomes an item. A page is chosen on the keys alone (``keys(reach:)``) and only its
/// own rows are read whole (``rows(ids:)``).
struct CustomerTimelinePart: Sendable {
    let kind: TimelineItem.Kind
    /// The columns a row is shown from.
    let columns: String
    /// `FROM` and its joins.
    let from: String
    /// The item's moment (milliseconds) and id, as expressions over ``from``.
    let at: String
    let id: String
    /// The customer's rows: a condition over ``from`` and its values.
    let condition: String
    let binds: [SQLValue]
    let item: @Sendable (SQLRow) -> TimelineItem

    /// The part's newest `reach` keys (kind, moment, id) in the timeline's order, as a subquery for a `UNION ALL`; ids
    /// compared with `collate` (byte order on PostgreSQL, as ``TimelineItem/newestFirst`` and SQLite compare them).
    func keys(reach: Int64, collate: String) -> (sql: String, binds: [SQLValue]) {
        (
            """
            SELECT * FROM (SELECT '\(kind.rawValue)' AS kind, \(at) AS at, \(id) AS id FROM \(from) WHERE \(condition)
            ORDER BY \(at) DESC, \(id)\(collate) LIMIT ?) AS \(kind.rawValue)_keys
            """, binds + [.int(reach)]
        )
    }

    /// How many rows the part holds, as a scalar subquery.
    func count() -> (sql: String, binds: [SQLValue]) {
        ("(SELECT COUNT(*) FROM \(from) WHERE \(condition))", binds)
    }

    /// The rows of these ids (the customer's only), whole.
    func rows(ids: [String]) -> (sql: String, binds: [SQLValue]) {
        ("SELECT \(columns) FROM \(from) WHERE \(condition) AND \(id) IN (\(SQLMarks.list(ids.count)))", binds + ids.map { .text($0) })
    }
}
