/// Seed 002's "sensor of system failures": a downward step in a location's daily NPS, found by a one-sided CUSUM
/// (Page 1954) on each day's standardised gap to the trailing baseline.
///
/// Day d's statistic is z = (B − x) / √(v/n + v/N): x the day's NPS as a fraction (promoters − detractors over n
/// answers), B and v the mean and per-answer variance (p₊ + p₋ − B²) of the `baselineDays` before it (N answers).
/// S = max(0, S + z − k); an alarm when S exceeds h. The detector then learns the new level: it stays silent until
/// its baseline holds only days from the run's start on (`since` + `baselineDays`), and S starts again from 0, so a
/// lasting step gives one alarm, not one a day. Days with fewer than
/// `minimumDailyN` answers leave S as it was. The defaults (k = 0.5, h = 4.5) keep false alarms under one per
/// location-year at 50 answers a day; what that costs in delay is measured in `NPSShiftDetectorTests` and
/// docs/methods.md — a −10-point step at 50 answers a day is too small to be told from chance within three days.
public struct NPSShiftDetector: Sendable {
    public struct Day: Sendable, Equatable {
        public var promoters: Int
        public var detractors: Int
        public var n: Int

        public init(promoters: Int, detractors: Int, n: Int) {
            self.promoters = promoters
            self.detractors = detractors
            self.n = n
        }
    }

    public struct Alarm: Sendable, Equatable {
        /// The day (index into the series) the statistic crossed h.
        public var day: Int
        /// The first day of the run that crossed (the day after S was last 0): where the step probably is.
        public var since: Int
        /// NPS (−100…100) of the baseline before `since`, and of the days `since`…`day`.
        public var baselineNPS: Double
        public var recentNPS: Double
        public var recentN: Int
    }

    public var baselineDays: Int
    public var k: Double
    public var h: Double
    public var minimumDailyN: Int

    public init(baselineDays: Int = 28, k: Double = 0.5, h: Double = 4.5, minimumDailyN: Int = 5) {
        self.baselineDays = baselineDays
        self.k = k
        self.h = h
        self.minimumDailyN = minimumDailyN
    }

    /// Every alarm of the series, oldest first; the first `baselineDays` days only build the baseline.
    public func scan(_ days: [Day]) -> [Alarm] {
        guard days.count > baselineDays else { return [] }
        var alarms: [Alarm] = []
        var statistic = 0.0
        var runStart = baselineDays
        var resumeAt = 0
        var window = (promoters: 0, detractors: 0, n: 0)
        for day in days.prefix(baselineDays) { window = (window.promoters + day.promoters, window.detractors + day.detractors, window.n + day.n) }
        for index in baselineDays..<days.count {
            let day = days[index]
            if index >= resumeAt, day.n >= minimumDailyN, window.n > 0 {
                let base = Double(window.promoters - window.detractors) / Double(window.n)
                let variance = max(Double(window.promoters + window.detractors) / Double(window.n) - base * base, 1e-6)
                let x = Double(day.promoters - day.detractors) / Double(day.n)
                let z = (base - x) / (variance / Double(day.n) + variance / Double(window.n)).squareRoot()
                if statistic == 0 { runStart = index }
                statistic = max(0, statistic + z - k)
                if statistic > h {
                    alarms.append(alarm(days, day: index, since: runStart))
                    statistic = 0
                    resumeAt = runStart + baselineDays
                }
            }
            let leaving = days[index - baselineDays]
            window = (window.promoters + day.promoters - leaving.promoters, window.detractors + day.detractors - leaving.detractors,
                      window.n + day.n - leaving.n)
        }
        return alarms
    }

    private func alarm(_ days: [Day], day: Int, since: Int) -> Alarm {
        func nps(_ slice: ArraySlice<Day>) -> (Double, Int) {
            let n = slice.reduce(0) { $0 + $1.n }
            let net = slice.reduce(0) { $0 + $1.promoters - $1.detractors }
            return (n > 0 ? 100 * Double(net) / Double(n) : 0, n)
        }
        let baseline = nps(days[max(0, since - baselineDays)..<since])
        let recent = nps(days[since...day])
        return Alarm(day: day, since: since, baselineNPS: baseline.0, recentNPS: recent.0, recentN: recent.1)
    }
}
