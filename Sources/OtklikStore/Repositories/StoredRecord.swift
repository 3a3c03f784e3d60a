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
}

extension StoredRecord {
    static var columns: String { columnList.joined(separator: ", ") }
    /// The client's customer id (already normalised: a placeholder is nil).
    var identityClaims: [CustomerIdentity] { customer.map { [CustomerIdentity(kind: .external, value: $0)] } ?? [] }
    var occurredAt: Date? { nil }
    static func writeDerived(_ accepted: [Self], receivedAt: Int64, in tx: any SQLExecutor) async throws {}
    static func retimed(_ item: Self, like stored: Self) -> Self { item }
}
