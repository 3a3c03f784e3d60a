import Foundation
import Testing

@testable import OtklikServer

/// Chart axes read as a person writes them: round steps (0, 10, 20 …), never 7, 18, 28, 39, 50 as the dashboard's ASA
/// chart showed, with the data and its band inside and at most six steps.
@Suite struct TrendChartAxisTests {
    static func axis(_ values: [Double], band: Double = 0, scale: ClosedRange<Double>) -> (lo: Double, hi: Double, tick: Double) {
        TrendChart.niceRange(
            points: values.map { TrendChart.Point(label: "", value: $0, low: $0 - band, high: $0 + band) }, scale: scale)
    }

    static func labels(_ svg: String) -> [String] {
        svg.matches(of: /text-anchor="end">([^<]+)</).map { String($0.1) }
    }

    @Test func roundStepsAroundTheData() {
        let asa = Self.axis([15, 18, 40.4, 42], band: 4, scale: 0...3_600)
        #expect(asa == (0, 50, 10))
        let nps = Self.axis([-15, 20, 30], band: 3, scale: -100...100)
        #expect(nps.tick == 10 || nps.tick == 20)
        #expect(nps.lo <= -18 && nps.hi >= 33 && nps.lo.truncatingRemainder(dividingBy: nps.tick) == 0)
        let ces = Self.axis([5.3, 5.5], band: 0.05, scale: 1...7)
        #expect(ces.lo <= 5.25 && ces.hi >= 5.55 && ces.hi - ces.lo <= 1)
        let percent = Self.axis([97, 99.5], band: 1, scale: 0...100)
        #expect(percent.hi == 100 && percent.lo >= 80, "never past the scale's end")
        for axis in [asa, nps, ces, percent] {
            let steps = (axis.hi - axis.lo) / axis.tick
            #expect(steps >= 3 && steps <= 6 && abs(steps - steps.rounded()) < 1e-9)
        }
    }

    @Test func theRenderedLabelsAreThoseSteps() {
        let points = [15.0, 18, 40.4, 42].map { TrendChart.Point(label: "w", value: $0, low: $0 - 4, high: $0 + 4) }
        #expect(Self.labels(TrendChart(title: "ASA", points: points, scale: 0...3_600).render()) == ["0", "10", "20", "30", "40", "50"])
        let ces = [5.3, 5.5].map { TrendChart.Point(label: "w", value: $0, low: $0 - 0.05, high: $0 + 0.05) }
        let labels = Self.labels(TrendChart(title: "CES", points: ces, scale: 1...7).render())
        #expect(Set(labels).count == labels.count, "no two labels alike: \(labels)")
    }
}
