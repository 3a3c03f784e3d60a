import Foundation
import OtklikCore

/// A transaction as JSON and CSV carry it: `POST /api/v1/transactions`, `import transactions --format json|csv`.
/// `amount` uses a point as the decimal separator and is negative for a refund.
public struct TransactionJSON: Codable, Sendable {
    public var id: String
    public var ts: String
    public var customer: String
    public var amount: Double
    public var quantity: Int?
    public var location: String?
    public var channel: String?
    public var service: String?

    public static let columns = ["id", "ts", "customer", "amount", "quantity", "location", "channel", "service"]
    public static let required = ["id", "ts", "customer", "amount"]

    public init(_ t: Transaction) {
        id = t.id
        ts = Timestamp.format(t.ts)
        customer = t.customer
        amount = t.amount
        quantity = t.quantity
        location = t.location
        channel = t.channel
        service = t.service
    }

    /// The domain value, validated; a bad field is named.
    public func transaction() throws(OtklikError) -> Transaction {
        guard let date = Timestamp.parse(ts) else { throw .invalid("ts", "ts must be an ISO-8601 time such as 2026-03-02T09:15:00Z, not '\(ts)'") }
        let t = Transaction(
            id: id, ts: date, customer: customer.trimmingCharacters(in: .whitespaces), amount: amount, quantity: quantity,
            location: location, channel: channel, service: service)
        try t.validate()
        return t
    }

    /// Reads one CSV row given as column → cell (empty cells absent).
    public init(cells: [String: String]) throws(OtklikError) {
        guard let id = cells["id"] else { throw .invalid("id", "id is empty") }
        guard let ts = cells["ts"] else { throw .invalid("ts", "ts is empty") }
        guard let customer = cells["customer"] else { throw .invalid("customer", "customer is empty") }
        guard let text = cells["amount"] else { throw .invalid("amount", "amount is empty") }
        guard let amount = Self.amount(text) else {
            throw .invalid("amount", "'\(text)' is not an amount; use a point as the decimal separator, e.g. 1234.50 or -99.90")
        }
        self.id = id
        self.ts = ts
        self.customer = customer
        self.amount = amount
        if let q = cells["quantity"] {
            guard let value = Int(q), value >= 0 else { throw .invalid("quantity", "'\(q)' is not a whole number of items") }
            quantity = value
        }
        location = cells["location"]
        channel = cells["channel"]
        service = cells["service"]
    }

    /// `-12.50` → −12.5; digits with an optional sign and one decimal point, nothing else.
    static func amount(_ text: String) -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        var body = Substring(t)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard !body.isEmpty, parts.count <= 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), !parts[0].isEmpty else { return nil }
        if parts.count == 2 && parts[1].isEmpty { return nil }
        return Double(t)
    }
}
