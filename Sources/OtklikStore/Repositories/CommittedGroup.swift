import Foundation

/// What one shared commit of client-id records appended to the change feed (``GroupCommitter``): the position of its
/// one event and every record the group stored there — normalised, as stored, in the order a reader of the feed gets
/// them (by id, as `ORDER BY feed_position, id` on SQLite's binary collation). This process's analytics engine gets a
/// feedback group's facts from it once the transaction has committed (``LocalCommits``) and need not read back what was
/// just written.
public struct CommittedGroup<R: NormalizedRecord & Sendable>: Sendable {
    /// The change-feed event the group's transaction appended; its rows carry this `feed_position` and no others do.
    public let position: Int64
    public let records: [R]
    /// The customer each record was linked to in the write (record id → the stored `customer_id`); a record without
    /// one is absent. The records themselves keep the client's customer field as sent.
    public let customers: [String: String]
    /// The records linked by the customer id the client sent (their `customer_link` is `external`): a reader of the
    /// stored row gets that customer back as the record's own customer field; the others get none.
    let externallyLinked: Set<String>
    /// The time of receipt stored with every record of the group (`received_at`).
    let receivedAt: Date

    init(position: Int64, records: [R], customers: [String: String] = [:], externallyLinked: Set<String> = [], receivedAt: Date = Date()) {
        self.position = position
        self.customers = customers
        self.externallyLinked = externallyLinked
        self.receivedAt = receivedAt
        self.records = records.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
    }
}
