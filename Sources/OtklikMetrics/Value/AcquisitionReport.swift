import Foundation
import OtklikCore

/// CAC by acquisition channel and earned vs bought customers (issue 18 item 5), from imported acquisition costs and
/// the customers' acquisition source.
///
/// - CAC of a channel = the channel's imported costs ÷ the customers acquired through it (source = the channel) on a
///   day inside a period that has a cost for it (a month `YYYY-MM` or a day `YYYY-MM-DD`); customers without an
///   acquisition day are not counted. No customers in the costed periods: no CAC.
/// - Bought: a customer whose acquisition source is a channel with any imported cost; earned: a source with no cost
///   (a referral, word of mouth, organic search …); unknown: no source recorded. The earned share is over the
///   customers with a source (n), with a 95 % Wilson interval.
public struct AcquisitionReport: Sendable, Encodable {
    public struct Acquisition: Sendable {
        public var source: String?
        /// Days since 1970-01-01 in the organisation's time zone.
        public var day: Int?

        public init(source: String?, day: Int?) {
            self.source = source
            self.day = day
        }
    }

    public struct Channel: Sendable, Encodable, Equatable {
        public var channel: String
        public var cost: Double
        public var periods: Int
        /// Customers acquired through the channel inside its costed periods (the CAC's denominator).
        public var customers: Int
        /// Every customer whose source is the channel, whatever the day.
        public var customersAll: Int
        public var cac: Double?

        enum CodingKeys: String, CodingKey {
            case channel, cost, periods, customers, customersAll = "customers_all", cac
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(channel, forKey: .channel)
            try c.encode(cost, forKey: .cost)
            try c.encode(periods, forKey: .periods)
            try c.encode(customers, forKey: .customers)
            try c.encode(customersAll, forKey: .customersAll)
            try c.encode(cac, forKey: .cac)
        }
    }

    public var definition = """
        CAC of a channel = its imported acquisition costs ÷ customers acquired through it (acquisition source = channel) on \
        a day inside a period with a cost for it. Bought = acquisition source is a channel with imported costs; earned = a \
        source without costs; unknown = no source. Earned share over customers with a source, 95 % Wilson interval.
        """
    public var channels: [Channel]
    public var bought: Int
    public var earned: Int
    public var unknown: Int
    /// Customers with a source: bought + earned.
    public var n: Int
    public var earnedShare: Double?
    public var earnedShareInterval: Interval?
    /// Earned customers by source, most first.
    public var earnedSources: [String: Int]

    enum CodingKeys: String, CodingKey {
        case definition, channels, bought, earned, unknown, n, earnedShare = "earned_share", earnedShareInterval = "earned_share_interval"
        case earnedSources = "earned_sources"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(definition, forKey: .definition)
        try c.encode(channels, forKey: .channels)
        try c.encode(bought, forKey: .bought)
        try c.encode(earned, forKey: .earned)
        try c.encode(unknown, forKey: .unknown)
        try c.encode(n, forKey: .n)
        try c.encode(earnedShare, forKey: .earnedShare)
        try c.encode(earnedShareInterval, forKey: .earnedShareInterval)
        try c.encode(earnedSources, forKey: .earnedSources)
    }

    public static func compute(costs: [AcquisitionCost], acquisitions: [Acquisition]) -> AcquisitionReport {
        var costByChannel: [String: Double] = [:]
        var periodsByChannel: [String: Set<String>] = [:]
        for cost in costs {
            costByChannel[cost.channel, default: 0] += cost.amount
            periodsByChannel[cost.channel, default: []].insert(cost.period)
        }
        var inPeriods: [String: Int] = [:]
        var all: [String: Int] = [:]
        var bought = 0, earned = 0, unknown = 0
        var earnedSources: [String: Int] = [:]
        for acquisition in acquisitions {
            guard let source = acquisition.source?.trimmingCharacters(in: .whitespaces), !source.isEmpty else {
                unknown += 1
                continue
            }
            guard let periods = periodsByChannel[source] else {
                earned += 1
                earnedSources[source, default: 0] += 1
                continue
            }
            bought += 1
            all[source, default: 0] += 1
            if let day = acquisition.day {
                let date = CivilDate.iso(day)
                if periods.contains(date) || periods.contains(String(date.prefix(7))) { inPeriods[source, default: 0] += 1 }
            }
        }
        let channels = costByChannel.keys.sorted().map { channel in
            let customers = inPeriods[channel] ?? 0
            let cost = costByChannel[channel] ?? 0
            return Channel(
                channel: channel, cost: cost, periods: periodsByChannel[channel]?.count ?? 0, customers: customers,
                customersAll: all[channel] ?? 0, cac: customers > 0 ? cost / Double(customers) : nil)
        }
        let n = bought + earned
        return AcquisitionReport(
            channels: channels, bought: bought, earned: earned, unknown: unknown, n: n,
            earnedShare: n > 0 ? Double(earned) / Double(n) : nil, earnedShareInterval: ProportionInterval.wilson(successes: earned, n: n),
            earnedSources: earnedSources)
    }
}
