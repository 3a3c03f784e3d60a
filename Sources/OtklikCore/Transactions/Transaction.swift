import Foundation

/// A purchase (or, with a negative amount, a refund) by a customer: the input of customer value (issue 18 item 4).
/// `id` is the client's and makes an import idempotent; `location`, `channel` and `service` are reference codes.
public struct Transaction: Sendable, Equatable, Codable {
    public var id: String
    public var ts: Date
    public var customer: String
    public var amount: Double
    public var quantity: Int?
    public var location: String?
    public var channel: String?
    public var service: String?

    public init(
        id: String, ts: Date, customer: String, amount: Double, quantity: Int? = nil, location: String? = nil, channel: String? = nil,
        service: String? = nil
    ) {
        self.id = id
        self.ts = ts
        self.customer = customer
        self.amount = amount
        self.quantity = quantity
        self.location = location
        self.channel = channel
        self.service = service
    }

    /// Checks what a store would refuse; the error names its field.
    public func validate() throws(OtklikError) {
        guard !id.isEmpty, id.count <= 200 else { throw .invalid("id", "id must be 1 to 200 characters") }
        switch IdentityNormalizer.verbatim(customer, kind: .external) {
        case .identity: break
        case .blocked(let why), .rejected(let why): throw .invalid("customer", "a transaction needs a customer: \(why)")
        }
        guard amount.isFinite, abs(amount) < 1e12 else { throw .invalid("amount", "amount must be a finite number") }
        if let quantity, quantity < 0 { throw .invalid("quantity", "quantity must not be negative") }
    }
}
