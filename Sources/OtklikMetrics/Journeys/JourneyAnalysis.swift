import Foundation

/// The figures of a journey's stages over a period [from, to) (docs/methods.md, "Journeys"):
/// - volume: events bound to the stage in the period; customers: distinct known customers among them;
/// - satisfaction: CSAT share of 4-5 of the stage's feedback with a CSAT answer, Wilson 95 % interval;
/// - effort: mean CES 2.0 of the stage's feedback with a CES answer, Student's t 95 % interval;
/// - drop-off (every stage but the last): of the known customers with an event of the stage in the period, entering at
///   their first such event t, the share with no event of any later stage in (t, t + window]; customers whose window
///   ends after `asOf` are censored (left out); Wilson 95 % interval;
/// - hours to the next stage: of the same customers, those who went on (an event of any later stage in (t, t + window]),
///   the hours from t to the first such event; median with the order-statistics (Conover) 95 % interval.
/// A figure with fewer than `minimumN` observations shows its n and no value.
public struct JourneyAnalysis: Sendable, Equatable {
    public static let defaultWindowDays = 30

    public var from: Date
    public var to: Date
    public var asOf: Date
    public var windowDays: Int
    public var minimumN: Int
    public var stages: [JourneyStageFigures]
    public var gaps: [JourneyGap]
    public var paths: JourneyPaths

    /// `events` must hold the stages' events in [from, to + window) (later ones are ignored).
    public static func compute(
        stageCount: Int, events: [JourneyEvent], from: Date, to: Date, asOf: Date, windowDays: Int = defaultWindowDays, minimumN: Int,
        satisfactionTarget: Double? = nil
    ) -> JourneyAnalysis {
        let window = TimeInterval(windowDays) * 86_400
        var unique: [JourneyEvent] = []
        var seen = Set<String>()
        for event in events where event.stage >= 0 && event.stage < stageCount && seen.insert("\(event.stage)|\(event.key)").inserted {
            unique.append(event)
        }
        let inPeriod = unique.filter { $0.at >= from && $0.at < to }
        // Each known customer's events by stage, oldest first (including the window after the period).
        var timeline: [String: [[Date]]] = [:]
        for event in unique.sorted(by: { $0.at < $1.at }) {
            guard let customer = event.customer else { continue }
            timeline[customer, default: Array(repeating: [], count: stageCount)][event.stage].append(event.at)
        }
        var figures: [JourneyStageFigures] = []
        for stage in 0..<stageCount {
            let own = inPeriod.filter { $0.stage == stage }
            let csat = own.compactMap(\.csat)
            let satisfied = csat.filter { $0 >= 4 }.count
            let ces = own.compactMap(\.ces).map(Double.init)
            var entries: [String: Date] = [:]
            for event in own {
                guard let customer = event.customer else { continue }
                if entries[customer].map({ event.at < $0 }) ?? true { entries[customer] = event.at }
            }
            var dropOff: JourneyStageFigures.Share?
            var hours: JourneyStageFigures.Mean?
            var censored = 0
            if stage < stageCount - 1 {
                var n = 0, dropped = 0
                var times: [Double] = []
                for (customer, entered) in entries {
                    let end = entered.addingTimeInterval(window)
                    guard end <= asOf else {
                        censored += 1
                        continue
                    }
                    n += 1
                    let stages = timeline[customer] ?? []
                    // The first event of any later stage within the window: the stage the customer went on to.
                    let next = (stage + 1..<stageCount).compactMap { later in stages[later].first { $0 > entered && $0 <= end } }.min()
                    if let next { times.append(next.timeIntervalSince(entered) / 3600) } else { dropped += 1 }
                }
                dropOff = share(count: dropped, n: n, minimumN: minimumN)
                let enough = times.count >= minimumN
                hours = JourneyStageFigures.Mean(
                    n: times.count, value: enough ? MedianInterval.median(times) : nil, interval: enough ? MedianInterval.interval(times) : nil)
            }
            let enoughCES = ces.count >= minimumN
            figures.append(JourneyStageFigures(
                stage: stage, volume: own.count, customers: entries.count,
                satisfaction: share(count: satisfied, n: csat.count, minimumN: minimumN),
                effort: JourneyStageFigures.Mean(
                    n: ces.count, value: enoughCES ? ces.reduce(0, +) / Double(ces.count) : nil,
                    interval: enoughCES ? MeanInterval.t(sum: ces.reduce(0, +), sumOfSquares: ces.reduce(0) { $0 + $1 * $1 }, n: ces.count) : nil),
                dropOff: dropOff, censored: censored, hoursToNext: hours))
        }
        return JourneyAnalysis(
            from: from, to: to, asOf: asOf, windowDays: windowDays, minimumN: minimumN, stages: figures,
            gaps: JourneyGap.rank(figures, target: satisfactionTarget), paths: JourneyPaths.discover(unique, from: from, to: to))
    }

    static func share(count: Int, n: Int, minimumN: Int) -> JourneyStageFigures.Share {
        guard n >= minimumN, n > 0 else { return JourneyStageFigures.Share(n: n, count: count, value: nil, interval: nil) }
        let interval = ProportionInterval.wilson(successes: count, n: n)
        return JourneyStageFigures.Share(
            n: n, count: count, value: 100 * Double(count) / Double(n), interval: interval.map { Interval(low: 100 * $0.low, high: 100 * $0.high) })
    }
}
