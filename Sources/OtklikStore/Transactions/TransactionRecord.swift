import Foundation
import OtklikCore

/// A ``Transaction`` as the idempotent write path stores it: the customer resolved through ``CustomerResolver``
/// (the client's id is an `external` identity), location and service as reference codes (unknown ones created on
/// import, as for feedback), the sales channel as text.
struct TransactionRecord: StoredRecord {
    var occurredAt: Date? { transaction.ts }
    var transaction: Transaction

    static let table = "transactions"
    static let feedKind = FeedEventKind.transactions
    static var references: [(table: String, field: String, path: KeyPath<TransactionRecord, String?>)] {[
        ("locations", "location", \.transaction.location), ("services", "service", \.transaction.service),
    ]}
    static let columnList = [
        "id", "ts", "customer_id", "customer_link", "amount", "quantity", "location_code", "channel", "service_code", "received_at",
    ]

    var id: String { transaction.id }
    var customer: String? { IdentityNormalizer.verbatim(transaction.customer, kind: .external).identity?.value }

    init(_ transaction: Transaction) {
        self.transaction = transaction
    }

    func normalized() -> TransactionRecord {
        var t = transaction
        let clean = StoredText.clean
        t.ts = Date(timeIntervalSince1970: (t.ts.timeIntervalSince1970 * 1000).rounded() / 1000)
        t.customer = customer ?? t.customer
        t.location = clean(t.location)
        t.channel = clean(t.channel)
        t.service = clean(t.service)
        return TransactionRecord(t)
    }

    func binds(receivedAt: Int64) -> [SQLValue] {
        let t = transaction
        return [
            .text(t.id), .int(Int64((t.ts.timeIntervalSince1970 * 1000).rounded())), SQLValue(customer), .null, .double(t.amount),
            t.quantity.map { .int(Int64($0)) } ?? .null, SQLValue(t.location), SQLValue(t.channel), SQLValue(t.service), .int(receivedAt),
        ]
    }

    init(row: SQLRow) throws {
        guard let ts = row.int64("ts"), let amount = row["amount"].double else {
            throw OtklikError(.internal, "stored transaction has no time or amount")
        }
        transaction = Transaction(
            id: try row.string("id"), ts: Date(timeIntervalSince1970: Double(ts) / 1000), customer: try row.string("customer_id"),
            amount: amount, quantity: row.int("quantity"), location: row.text("location_code"), channel: row.text("channel"),
            service: row.text("service_code"))
    }
}
