import Foundation

/// The mutable part of a sampling plan: the systematic counters, the quota fill of every stratum in its current period
/// and the fatigue ledger. It is a plain Codable value: persist it after each decision (or batch) and restore it on
/// start, and a server restart resumes the same count, the same quotas and the same fatigue windows.
public struct SamplingState: Sendable, Codable, Equatable {
    /// Systematic sampling in one stratum: the random start (1…k) and how many eligible interactions were seen.
    public struct SystematicCounter: Sendable, Codable, Equatable {
        public var start: Int
        public var seen: Int
    }

    /// A stratum's quota in its current period: eligible interactions seen and invited.
    public struct QuotaFill: Sendable, Codable, Equatable {
        public var periodStart: Date
        public var seen: Int
        public var invited: Int

        /// invited / seen: the achieved inclusion rate, whose inverse is the design weight of the stratum's answers.
        public var inclusionRate: Double? { seen > 0 ? Double(invited) / Double(seen) : nil }
    }

    public var systematic: [String: SystematicCounter]
    public var quotas: [String: QuotaFill]
    public var fatigue: FatigueLedger

    public init(systematic: [String: SystematicCounter] = [:], quotas: [String: QuotaFill] = [:], fatigue: FatigueLedger = FatigueLedger()) {
        self.systematic = systematic
        self.quotas = quotas
        self.fatigue = fatigue
    }
}
