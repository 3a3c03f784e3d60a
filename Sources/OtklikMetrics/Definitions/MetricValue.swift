/// One computed figure: the value, its n and its 95 % interval, or a flag that n is too small.
public struct MetricValue: Sendable, Equatable, Codable {
    /// nil when n is below the minimum or zero.
    public var value: Double?
    public var n: Int
    public var ciLow: Double?
    public var ciHigh: Double?
    /// n is below the configured minimum: show "insufficient data", not a number.
    public var insufficient: Bool

    public init(value: Double?, n: Int, ciLow: Double?, ciHigh: Double?, insufficient: Bool) {
        self.value = value
        self.n = n
        self.ciLow = ciLow
        self.ciHigh = ciHigh
        self.insufficient = insufficient
    }

    enum CodingKeys: String, CodingKey {
        case value, n, ciLow = "ci_low", ciHigh = "ci_high", insufficient
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(n, forKey: .n)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
        try container.encode(insufficient, forKey: .insufficient)
    }
}
