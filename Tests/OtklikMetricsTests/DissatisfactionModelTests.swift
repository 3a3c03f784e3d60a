import OtklikMetrics
import Testing

/// The dissatisfaction model on a hand-computed case: counts, shares of negative comments, Wilson intervals, n, trend.
@Suite struct DissatisfactionModelTests {
    typealias C = DissatisfactionModel.Comment

    static let comments = [
        C(key: "A", period: "2026-01", negative: true, reasons: ["w"]),
        C(key: "A", period: "2026-01", negative: true, reasons: ["w", "p", "w"]),  // a reason named twice counts once
        C(key: "A", period: "2026-02", negative: true, reasons: ["p"]),
        C(key: "A", period: "2026-02", negative: true, reasons: []),
        C(key: "A", period: "2026-02", negative: false, reasons: ["w"]),  // not negative: counted in comments only
        C(key: "B", period: "2026-01", negative: true, reasons: ["w"]),
        C(key: nil, period: "2026-02", negative: true, reasons: ["x"]),  // no location: in the overall and trend only
    ]

    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 0.001 } ?? false }

    @Test func overallGroupsAndTrend() throws {
        let report = DissatisfactionModel.build(Self.comments, reasons: ["x", "p", "w", "never"], minimumN: 2)
        #expect(report.reasons == ["w", "p", "x"], "most frequent first; reasons never found are left out")

        let overall = report.overall
        #expect(overall.comments == 7 && overall.n == 6 && overall.unthemed == 1)
        #expect(overall.reasons.map(\.count) == [3, 2, 1])
        let w = try #require(overall.reason("w"))
        #expect(Self.close(w.share, 50) && Self.close(w.interval?.low, 18.7616) && Self.close(w.interval?.high, 81.2384))
        let p = try #require(overall.reason("p"))
        #expect(Self.close(p.share, 100.0 / 3) && Self.close(p.interval?.low, 9.6771) && Self.close(p.interval?.high, 70.0007))
        let x = try #require(overall.reason("x"))
        #expect(Self.close(x.share, 100.0 / 6) && Self.close(x.interval?.low, 3.0053) && Self.close(x.interval?.high, 56.3503))

        #expect(report.groups.map(\.key) == ["A", "B"])
        let a = report.groups[0]
        #expect(a.comments == 5 && a.n == 4 && a.unthemed == 1)
        #expect(a.reasons.map(\.count) == [2, 2, 0])
        #expect(Self.close(a.reason("w")?.share, 50) && Self.close(a.reason("w")?.interval?.low, 15.0039) && Self.close(a.reason("w")?.interval?.high, 84.9961))
        #expect(Self.close(a.reason("x")?.share, 0))
        let b = report.groups[1]
        #expect(b.n == 1 && b.reason("w")?.count == 1)
        #expect(b.reason("w")?.share == nil && b.reason("w")?.interval == nil, "n below the minimum: counts only")

        #expect(report.trend.map(\.key) == ["2026-01", "2026-02"])
        #expect(report.trend[0].n == 3 && report.trend[0].comments == 3 && report.trend[0].reasons.map(\.count) == [3, 1, 0])
        #expect(Self.close(report.trend[0].reason("w")?.share, 100))
        #expect(report.trend[1].n == 3 && report.trend[1].comments == 4 && report.trend[1].reasons.map(\.count) == [0, 1, 1])
    }

    @Test func nothingNegative() {
        let report = DissatisfactionModel.build([C(key: "A", period: "2026-01", negative: false, reasons: ["w"])], reasons: ["w"], minimumN: 1)
        #expect(report.reasons.isEmpty && report.overall.n == 0 && report.overall.comments == 1)
        #expect(DissatisfactionModel.build([], reasons: [], minimumN: 30).groups.isEmpty)
    }
}
