import Foundation

/// One interval of the real log beside what Erlang C predicts for the same load, AHT and agents.
public struct ErlangComparison: Sendable, Codable, Equatable {
    /// Local start of the interval, `2026-03-02 10:00`.
    public var start: String
    public var offered: Int
    /// Distinct agents who answered in the interval: the staffing Erlang C is given.
    public var agents: Int
    /// Offered load A = λ·AHT, Erlangs.
    public var traffic: Double
    public var aht: Double
    /// Share of answered contacts that waited at most T (service level definition 2), percent.
    public var actualServiceLevel: Double
    /// Erlang C's SL(T) for those agents, percent; nil when agents ≤ load (the queue would grow without bound).
    public var predictedServiceLevel: Double?
    public var actualASA: Double
    public var predictedASA: Double?

    enum CodingKeys: String, CodingKey {
        case start, offered, agents, traffic, aht, actualServiceLevel = "actual_sl", predictedServiceLevel = "predicted_sl"
        case actualASA = "actual_asa", predictedASA = "predicted_asa"
    }
}

extension CallFacts {
    /// Cuts the log into intervals and sets each beside Erlang C. Intervals with no answered contact
    /// with a recorded handle time are left out (there is no AHT to model them with).
    public func erlangComparison(intervalMinutes: Int = 60, threshold: Double = 20, from: Date? = nil, to: Date? = nil) -> [ErlangComparison] {
        let length = Double(intervalMinutes * 60)
        struct Bucket {
            var offered = 0, answered = 0, answeredWithin = 0, handled = 0
            var handleSum = 0.0, waitSum = 0.0
            var agents: Set<Int32> = []
        }
        var buckets: [Int: Bucket] = [:]
        for fact in records where fact.outcome != .selfService {
            if let from, fact.arrivedAt < from { continue }
            if let to, fact.arrivedAt >= to { continue }
            let local = fact.arrivedAt.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: fact.arrivedAt))
            let index = Int((local / length).rounded(.down))
            var bucket = buckets[index] ?? Bucket()
            bucket.offered += 1
            if fact.outcome == .answered {
                let wait = fact.wait ?? 0
                bucket.answered += 1
                bucket.waitSum += wait
                if wait <= threshold { bucket.answeredWithin += 1 }
                if let handle = fact.handle {
                    bucket.handled += 1
                    bucket.handleSum += handle
                }
                if table.agent[fact.row] >= 0 { bucket.agents.insert(table.agent[fact.row]) }
            }
            buckets[index] = bucket
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return buckets.keys.sorted().compactMap { index in
            let bucket = buckets[index]!
            guard bucket.handled > 0, bucket.answered > 0 else { return nil }
            let aht = bucket.handleSum / Double(bucket.handled)
            let traffic = Double(bucket.offered) / length * aht
            let agents = bucket.agents.count
            return ErlangComparison(
                start: formatter.string(from: Date(timeIntervalSince1970: Double(index) * length)), offered: bucket.offered,
                agents: agents, traffic: traffic, aht: aht,
                actualServiceLevel: 100 * Double(bucket.answeredWithin) / Double(bucket.answered),
                predictedServiceLevel: ErlangC.serviceLevel(agents: agents, traffic: traffic, aht: aht, threshold: threshold).map { 100 * $0 },
                actualASA: bucket.waitSum / Double(bucket.answered),
                predictedASA: ErlangC.averageSpeedOfAnswer(agents: agents, traffic: traffic, aht: aht))
        }
    }
}
