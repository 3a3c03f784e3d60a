import Foundation

/// Erlang C (M/M/N queue): the chance a contact waits, the service level and ASA for N agents, and
/// the agents a target needs. A = λ·AHT is the offered load in Erlangs; undefined for N ≤ A.
public enum ErlangC {
    /// P(wait) for `agents` agents under `traffic` Erlangs, by the Erlang B recursion (stable for large N).
    public static func waitProbability(agents: Int, traffic: Double) -> Double? {
        guard agents > 0, traffic > 0, Double(agents) > traffic else { return traffic == 0 ? 0 : nil }
        var b = 1.0
        for k in 1...agents { b = traffic * b / (Double(k) + traffic * b) }
        let n = Double(agents)
        return n * b / (n - traffic * (1 - b))
    }

    /// SL(T) = 1 − P(wait)·e^(−(N − A)·T/AHT).
    public static func serviceLevel(agents: Int, traffic: Double, aht: Double, threshold: Double) -> Double? {
        guard let pw = waitProbability(agents: agents, traffic: traffic) else { return nil }
        return 1 - pw * exp(-(Double(agents) - traffic) * threshold / aht)
    }

    /// ASA = P(wait)·AHT/(N − A), seconds.
    public static func averageSpeedOfAnswer(agents: Int, traffic: Double, aht: Double) -> Double? {
        guard let pw = waitProbability(agents: agents, traffic: traffic) else { return nil }
        return pw * aht / (Double(agents) - traffic)
    }

    /// What a staffing question gets back.
    public struct Staffing: Sendable, Equatable, Codable {
        /// Offered load in Erlangs.
        public var traffic: Double
        /// Agents needed on the phones.
        public var agents: Int
        /// Agents to schedule once shrinkage (breaks, training, absence) is allowed for: agents/(1 − shrinkage), rounded up.
        public var scheduled: Int
        public var serviceLevel: Double
        public var asa: Double
        public var occupancy: Double
    }

    /// The fewest agents that reach `targetServiceLevel` (0-1) within `threshold` seconds.
    /// - Parameters:
    ///   - callsPerHour: forecast arrivals in the interval, per hour.
    ///   - aht: average handle time, seconds.
    ///   - shrinkage: share of paid time not on the phones, 0 ≤ s < 1.
    public static func staffing(callsPerHour: Double, aht: Double, targetServiceLevel: Double, threshold: Double, shrinkage: Double = 0) -> Staffing? {
        guard callsPerHour >= 0, aht > 0, (0..<1).contains(shrinkage), (0...1).contains(targetServiceLevel) else { return nil }
        let traffic = callsPerHour * aht / 3600
        var agents = max(1, Int(traffic.rounded(.down)) + 1)
        while agents < 100_000 {
            if let sl = serviceLevel(agents: agents, traffic: traffic, aht: aht, threshold: threshold), sl >= targetServiceLevel {
                return Staffing(
                    traffic: traffic, agents: agents, scheduled: Int((Double(agents) / (1 - shrinkage)).rounded(.up)), serviceLevel: sl,
                    asa: averageSpeedOfAnswer(agents: agents, traffic: traffic, aht: aht) ?? 0, occupancy: traffic / Double(agents))
            }
            agents += 1
        }
        return nil
    }
}
