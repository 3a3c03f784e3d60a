/// One purchase as the value models see it: a customer, the calendar day (days since 1970-01-01) and the amount
/// (negative for a refund).
public struct Purchase: Sendable, Equatable {
    public var customer: String
    public var day: Int
    public var amount: Double

    public init(customer: String, day: Int, amount: Double) {
        self.customer = customer
        self.day = day
        self.amount = amount
    }
}
