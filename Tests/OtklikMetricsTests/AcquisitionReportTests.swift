import Foundation
import OtklikCore
@testable import OtklikMetrics
import Testing

/// CAC by channel and earned vs bought customers on a case computed by hand.
@Suite struct AcquisitionReportTests {
    static func day(_ iso: String) -> Int { CivilDate.parseISO(iso)! }

    @Test func cacAndEarnedVersusBoughtByHand() throws {
        let costs = [
            AcquisitionCost(period: "2026-05", channel: "ads", amount: 1000), AcquisitionCost(period: "2026-06", channel: "ads", amount: 500),
            AcquisitionCost(period: "2026-05-10", channel: "search", amount: 300), AcquisitionCost(period: "2026-05", channel: "tv", amount: 90),
        ]
        let acquisitions: [AcquisitionReport.Acquisition] = [
            .init(source: "ads", day: Self.day("2026-05-03")), .init(source: "ads", day: Self.day("2026-06-20")),
            .init(source: "ads", day: Self.day("2026-07-01")),  // outside the costed months: bought, not in the CAC
            .init(source: "ads", day: nil),  // no day: bought, not in the CAC
            .init(source: "search", day: Self.day("2026-05-10")), .init(source: "search", day: Self.day("2026-05-11")),
            .init(source: "referral", day: Self.day("2026-05-05")), .init(source: "referral", day: nil), .init(source: "word_of_mouth", day: nil),
            .init(source: nil, day: nil), .init(source: "  ", day: Self.day("2026-05-05")),
        ]
        let report = AcquisitionReport.compute(costs: costs, acquisitions: acquisitions)
        let byChannel = Dictionary(uniqueKeysWithValues: report.channels.map { ($0.channel, $0) })
        #expect(byChannel["ads"] == .init(channel: "ads", cost: 1500, periods: 2, customers: 2, customersAll: 4, cac: 750))
        #expect(byChannel["search"] == .init(channel: "search", cost: 300, periods: 1, customers: 1, customersAll: 2, cac: 300))
        #expect(byChannel["tv"]?.cac == nil && byChannel["tv"]?.customers == 0, "costs without customers give no CAC")
        #expect(report.bought == 6 && report.earned == 3 && report.unknown == 2 && report.n == 9)
        #expect(report.earnedShare == 3.0 / 9.0)
        // Wilson 95 % for 3 of 9 by hand: centre (1/3 + 1.96²/18)/(1 + 1.96²/9) = 0.3669, half-width 0.2589.
        let interval = try #require(report.earnedShareInterval)
        #expect(abs(interval.low - 0.1206) < 0.001 && abs(interval.high - 0.6458) < 0.001, "\(interval)")
        #expect(report.earnedSources == ["referral": 2, "word_of_mouth": 1])
    }
}
