import Foundation

/// The uptake of a programme's review-link offers (issue 19 item 7): of the messages with a review link that went out
/// (`offered`), how many were followed at least once through Otklik's redirect (`clicked`); the rate in percent with
/// its Wilson 95 % interval.
public struct ProgrammeUptake: Sendable, Equatable, Encodable {
    public var offered: Int
    public var clicked: Int
    public var rate: Double?
    public var ciLow: Double?
    public var ciHigh: Double?

    enum CodingKeys: String, CodingKey {
        case offered, clicked, rate, ciLow = "ci_low", ciHigh = "ci_high"
    }

    public init(offered: Int, clicked: Int) {
        self.offered = offered
        self.clicked = clicked
        guard offered > 0, let interval = ProportionInterval.wilson(successes: clicked, n: offered) else { return }
        rate = 100 * Double(clicked) / Double(offered)
        ciLow = 100 * interval.low
        ciHigh = 100 * interval.high
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(offered, forKey: .offered)
        try container.encode(clicked, forKey: .clicked)
        try container.encode(rate, forKey: .rate)
        try container.encode(ciLow, forKey: .ciLow)
        try container.encode(ciHigh, forKey: .ciHigh)
    }
}
