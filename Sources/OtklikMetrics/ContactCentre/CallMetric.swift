/// A contact-centre KPI with the parameters of its definition (METHODS.md, "Contact centre").
public struct CallMetric: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case sl, asa, aht, abandonment, transfer, fcr
    }

    /// The five common service-level definitions; Ans_T answered within T, Ab abandoned.
    public enum ServiceLevelDefinition: String, Sendable, CaseIterable {
        /// 1. (Ans_T + Ab≤T)/(Ans + Ab): abandons within T count as met.
        case answeredOrAbandonedWithin = "answered_or_abandoned_within"
        /// 2. Ans_T/Ans: abandons ignored.
        case answered
        /// 3. Ans_T/(Ans + Ab): over all offered.
        case offered
        /// 4. Ans_T/(Ans + Ab>T): abandons within T removed from the base.
        case offeredWithoutEarlyAbandons = "offered_without_early_abandons"
        /// 5. Ans_T/(Ans + Ab − short abandons).
        case offeredWithoutShortAbandons = "offered_without_short_abandons"

        public var number: Int { Self.allCases.firstIndex(of: self)! + 1 }
    }

    public enum AbandonmentDefinition: String, Sendable, CaseIterable {
        /// Ab/(Ans + Ab).
        case all
        /// (Ab − short)/(Ans + Ab − short).
        case withoutShort = "without_short"
    }

    public var kind: Kind
    /// Service-level threshold T, seconds (a wait of exactly T meets it).
    public var threshold: Double = 20
    /// Abandons after at most this many seconds in the queue are short.
    public var shortAbandon: Double = 5
    public var serviceLevel: ServiceLevelDefinition = .offered
    public var abandonment: AbandonmentDefinition = .all
    /// FCR window: a repeat contact within this many days means the first was not resolved.
    public var fcrDays: Int = 7

    public init(kind: Kind) {
        self.kind = kind
    }

    public var name: String {
        switch kind {
        case .sl: "Service level"
        case .asa: "ASA"
        case .aht: "AHT"
        case .abandonment: "Abandonment rate"
        case .transfer: "Transfer rate"
        case .fcr: "FCR"
        }
    }

    public var definition: String {
        let t = Self.format(threshold), short = Self.format(shortAbandon)
        switch kind {
        case .sl:
            let formula = switch serviceLevel {
            case .answeredOrAbandonedWithin: "(Ans_T + Ab_T)/(Ans + Ab)"
            case .answered: "Ans_T/Ans (abandons ignored)"
            case .offered: "Ans_T/(Ans + Ab)"
            case .offeredWithoutEarlyAbandons: "Ans_T/(Ans + abandons after T)"
            case .offeredWithoutShortAbandons: "Ans_T/(Ans + Ab − abandons within \(short) s)"
            }
            return "Service level, definition \(serviceLevel.number) (\(serviceLevel.rawValue)): \(formula), %; T = \(t) s (a wait of T counts as within); IVR-only contacts are not offered; 95 % CI Wilson score"
        case .asa:
            return "ASA = Σ queue wait of answered contacts / answered, seconds; zero waits count; 95 % CI Student's t"
        case .aht:
            return "AHT = (talk + hold + wrap-up)/handled, seconds, over answered contacts with a recorded service time; 95 % CI Student's t"
        case .abandonment:
            return abandonment == .all
                ? "Abandonment (lost-call rate) = abandoned/(answered + abandoned), %; 95 % CI Wilson score"
                : "Abandonment without short abandons = (abandoned − abandons within \(short) s)/(answered + abandoned − those), %; 95 % CI Wilson score"
        case .transfer:
            return "Transfer rate = transferred/answered, %; 95 % CI Wilson score"
        case .fcr:
            return "FCR = answered contacts of identified customers with no further contact by the same customer on the same topic within \(fcrDays) days / such contacts, %; anonymous callers excluded; 95 % CI Wilson score"
        }
    }

    /// Computes the KPI from a group's tally.
    public func evaluate(_ tally: CallTally, minimumN: Int) -> MetricValue {
        let (successes, n): (Int, Int)
        switch kind {
        case .asa:
            return Self.mean(sum: tally.waitSum, squares: tally.waitSumOfSquares, n: tally.answered, minimumN: minimumN)
        case .aht:
            return Self.mean(sum: tally.handleSum, squares: tally.handleSumOfSquares, n: tally.handled, minimumN: minimumN)
        case .sl:
            switch serviceLevel {
            case .answeredOrAbandonedWithin: (successes, n) = (tally.answeredWithin + tally.abandonedWithin, tally.offered)
            case .answered: (successes, n) = (tally.answeredWithin, tally.answered)
            case .offered: (successes, n) = (tally.answeredWithin, tally.offered)
            case .offeredWithoutEarlyAbandons: (successes, n) = (tally.answeredWithin, tally.offered - tally.abandonedWithin)
            case .offeredWithoutShortAbandons: (successes, n) = (tally.answeredWithin, tally.offered - tally.shortAbandoned)
            }
        case .abandonment:
            (successes, n) = abandonment == .all
                ? (tally.abandoned, tally.offered)
                : (tally.abandoned - tally.shortAbandoned, tally.offered - tally.shortAbandoned)
        case .transfer: (successes, n) = (tally.transferred, tally.answered)
        case .fcr: (successes, n) = (tally.fcrResolved, tally.fcrEligible)
        }
        guard n > 0, n >= minimumN else { return MetricValue(value: nil, n: n, ciLow: nil, ciHigh: nil, insufficient: true) }
        let interval = ProportionInterval.wilson(successes: successes, n: n)
        return MetricValue(
            value: 100 * Double(successes) / Double(n), n: n, ciLow: interval.map { 100 * $0.low }, ciHigh: interval.map { 100 * $0.high },
            insufficient: false)
    }

    static func mean(sum: Double, squares: Double, n: Int, minimumN: Int) -> MetricValue {
        guard n > 0, n >= minimumN else { return MetricValue(value: nil, n: n, ciLow: nil, ciHigh: nil, insufficient: true) }
        let interval = MeanInterval.t(sum: sum, sumOfSquares: squares, n: n)
        return MetricValue(value: sum / Double(n), n: n, ciLow: interval?.low, ciHigh: interval?.high, insufficient: false)
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
