/// What was spent on acquiring customers through one channel in one period (a month `YYYY-MM` or a day
/// `YYYY-MM-DD`): the numerator of CAC by acquisition channel.
public struct AcquisitionCost: Sendable, Equatable, Codable {
    public var period: String
    public var channel: String
    public var amount: Double

    public init(period: String, channel: String, amount: Double) {
        self.period = period
        self.channel = channel
        self.amount = amount
    }

    public func validate() throws(OtklikError) {
        let parts = period.split(separator: "-", omittingEmptySubsequences: false)
        guard (parts.count == 2 || parts.count == 3), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
              parts.allSatisfy({ Int($0) != nil }), let month = Int(parts[1]), (1...12).contains(month) else {
            throw .invalid("period", "period must be a month YYYY-MM or a day YYYY-MM-DD, not '\(period)'")
        }
        guard !channel.isEmpty, channel.count <= 100 else { throw .invalid("channel", "channel must be 1 to 100 characters") }
        guard amount.isFinite, amount >= 0 else { throw .invalid("amount", "amount must be a number not below zero") }
    }
}
