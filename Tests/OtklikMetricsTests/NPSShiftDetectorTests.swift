import Foundation
import OtklikMetrics
import Testing

/// The NPS step detector on simulated daily series (a seeded generator, so the figures are the same every run):
/// false alarms per location-year without a step, and how soon a planted −10-point step at 50 answers a day is found.
/// The issue asked for detection within 3 days in ≥ 90 % of runs with at most one false alarm per location-year; at
/// 50 answers a day one day's NPS has a standard error of about 11 points, so no detector can do both: the test
/// pins what this one does (docs/methods.md gives the figures beside those of scripts/sim-nps-shift, the same method
/// written again in NumPy).
@Suite struct NPSShiftDetectorTests {
    /// SplitMix64: small, fast and good enough for simulations.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One day of `n` answers with promoter and detractor shares p and q.
    static func day(_ n: Int, _ p: Double, _ q: Double, _ generator: inout Generator) -> NPSShiftDetector.Day {
        var promoters = 0, detractors = 0
        for _ in 0..<n {
            let u = Double.random(in: 0..<1, using: &generator)
            if u < p { promoters += 1 } else if u < p + q { detractors += 1 }
        }
        return NPSShiftDetector.Day(promoters: promoters, detractors: detractors, n: n)
    }

    @Test func falseAlarmsAndDelaysOnSimulatedSeries() {
        let detector = NPSShiftDetector()
        var generator = Generator(state: 2026)
        // 300 location-years at NPS 30 (50 % promoters, 20 % detractors), 50 answers a day.
        var falseAlarms = 0
        let years = 300
        for _ in 0..<years {
            let series = (0..<(365 + detector.baselineDays)).map { _ in Self.day(50, 0.5, 0.2, &generator) }
            falseAlarms += detector.scan(series).count
        }
        let perYear = Double(falseAlarms) / Double(years)
        // A step from NPS 30 to 20 (promoters 45 %, detractors 25 %) on day 0 after 60 days.
        var delays: [Int] = []
        let runs = 1000
        for _ in 0..<runs {
            let before = (0..<60).map { _ in Self.day(50, 0.5, 0.2, &generator) }
            let after = (0..<30).map { _ in Self.day(50, 0.45, 0.25, &generator) }
            let alarms = detector.scan(before + after).filter { $0.day >= 60 }
            delays.append(alarms.first.map { $0.day - 60 } ?? .max)
        }
        func share(within days: Int) -> Double { Double(delays.filter { $0 < days }.count) / Double(runs) }
        print("NPS step detector: \(perYear) false alarms per location-year; −10 points found within 3 days \(share(within: 3)), 7 days \(share(within: 7)), 14 days \(share(within: 14)), 30 days \(share(within: 30))")
        #expect(perYear <= 1.0, "at most one false alarm per location-year")
        #expect(share(within: 14) >= 0.4)
        #expect(share(within: 30) >= 0.6)
        // A collapse (NPS 30 → −10) is found at once.
        var quick: [Int] = []
        for _ in 0..<200 {
            let series = (0..<60).map { _ in Self.day(50, 0.5, 0.2, &generator) } + (0..<10).map { _ in Self.day(50, 0.3, 0.4, &generator) }
            quick.append(detector.scan(series).first { $0.day >= 60 }.map { $0.day - 60 } ?? .max)
        }
        #expect(Double(quick.filter { $0 < 3 }.count) / 200 >= 0.9, "a 40-point fall within three days")
    }

    /// Worked by hand (k = 0.5, h = 4.5): 28 days of 10 promoters, 5 detractors, 20 answers (NPS 25, per-answer
    /// variance 0.75 − 0.0625 = 0.6875); then days of 4 promoters and 10 detractors in 20 (NPS −30). First low day:
    /// z = (0.25 + 0.30)/√(0.6875/20 + 0.6875/560) = 2.915, S = 2.415. Second: the baseline (27 old days, one low)
    /// is B = 129/560 = 0.2304, v = 419/560 − B² = 0.6951, z = 0.5304/√(0.6951/20 + 0.6951/560) = 2.795,
    /// S = 2.415 + 2.795 − 0.5 = 4.710 > 4.5: one alarm on the second low day, since the first.
    @Test func handWorkedAlarm() {
        let good = NPSShiftDetector.Day(promoters: 10, detractors: 5, n: 20)
        let bad = NPSShiftDetector.Day(promoters: 4, detractors: 10, n: 20)
        let alarms = NPSShiftDetector().scan(Array(repeating: good, count: 28) + Array(repeating: bad, count: 2))
        #expect(alarms.count == 1)
        #expect(alarms.first?.day == 29 && alarms.first?.since == 28)
        #expect(alarms.first?.baselineNPS == 25 && alarms.first?.recentNPS == -30 && alarms.first?.recentN == 40)
        #expect(NPSShiftDetector().scan(Array(repeating: good, count: 60)).isEmpty, "a steady series never alarms")
        #expect(NPSShiftDetector().scan(Array(repeating: good, count: 28) + [bad]).isEmpty, "one bad day is not enough")
    }
}
