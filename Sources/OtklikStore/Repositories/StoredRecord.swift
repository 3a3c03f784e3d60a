import Foundation
import OtklikCore

/// A record written by client id, idempotently: feedback, interactions.
protocol StoredRecord: NormalizedRecord, Sendable, Equatable {
    static var table: String { get }
    /// The change-feed event a write of these records appends.
    static var feedKind: FeedEventKind { get }
    static var columnList: [String] { get }
    /// Reference codes the record points to: the table, the client's field name, the value.
    static var references: [(table: String, field: String, path: KeyPath<Self, String?>)] { get }
    var customer: String? { get }
    /// The record's normalised customer identifiers, which ``CustomerResolver`` resolves in the write transaction.
    var identityClaims: [CustomerIdentity] { get }
    /// When the record happened (a feedback's, a call's, a purchase's time), for when a customer it creates is known
    /// since; nil: the write's time.
    var occurredAt: Date? { get }
    init(row: SQLRow) throws
    func binds(receivedAt: Int64) -> [SQLValue]
    /// Writes what is derived from records just accepted (a comment's analysis) in the same transaction. Not part
    /// of a record's identity: a retried identical record is still a duplicate, and a duplicate is not derived again.
    static func writeDerived(_ accepted: [Self], receivedAt: Int64, in tx: any SQLExecutor) async throws
    /// `item` with the time of `stored`: a retry of a record sent without a time carries the server's time of that
    /// retry, and is the same record when everything else is equal.
    static func retimed(_ item: Self, like stored: Self) -> Self
    /// Whether `item`, posted under the id of `stored` with other content, is the stored record moving on (a service
    /// request's status, ``ServiceRequestRevision``), written over it by ``writeRevisions(_:position:in:)``; throws the
    /// conflict, naming the field under `prefix` (`items[3]`), otherwise. By default a record is written once.
    static func revises(_ stored: Self, with item: Self, prefix: String) throws -> Bool
    /// Writes the revisions ``revises(_:with:prefix:)`` accepted over the stored rows, stamped with the feed `position`
    /// of the transaction; throws when a row is no longer the one read (another writer revised it first).
    static func writeRevisions(_ records: [Self], position: Int64, in tx: any SQLExecutor) async throws
    /// What the analytics engine gets for a group's event alone, as a reader of the feed would (``LocalCommits``), made
    /// when the engine takes it; nil when the engine reads it back from the feed instead.
    static func engineBatch(_ group: CommittedGroup<Self>) -> (@Sendable () -> FeedBatch)?
}

extension StoredRecord {
    static var columns: String { columnList.joined(separator: ", ") }
    /// The client's customer id (already normalised: a placeholder is nil).
    var identityClaims: [CustomerIdentity] { customer.map { [CustomerIdentity(kind: .external, value: $0)] } ?? [] }
    var occurredAt: Date? { nil }
    static func writeDerived(_ accepted: [Self], receivedAt: Int64, in tx: any SQLExecutor) async throws {}
    static func retimed(_ item: Self, like stored: Self) -> Self { item }
    static func revises(_ stored: Self, with item: Self, prefix: String) throws -> Bool {
        throw OtklikError(.conflict, "id '\(item.id)' is already used by a different record", field: "\(prefix).id")
    }
    static func writeRevisions(_ records: [Self], position: Int64, in tx: any SQLExecutor) async throws {}
    static func engineBatch(_ group: CommittedGroup<Self>) -> (@Sendable () -> FeedBatch)? { nil }
}

/// A revision found its stored row changed by another writer after the transaction read it: the write is tried again
/// (``GroupCommitter``), and then reads the row as it is now.
struct StaleRevision: Error {
    var id: String
}
