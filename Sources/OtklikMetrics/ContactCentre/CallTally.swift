/// Sufficient statistics of one group of contacts for every contact-centre KPI.
public struct CallTally: Sendable, Equatable {
    /// Answered + abandoned: contacts offered to the queue (IVR-only contacts are not).
    public var offered = 0
    public var answered = 0
    public var answeredWithin = 0
    public var abandoned = 0
    public var abandonedWithin = 0
    public var shortAbandoned = 0
    public var waitSum = 0.0
    public var waitSumOfSquares = 0.0
    public var handled = 0
    public var handleSum = 0.0
    public var handleSumOfSquares = 0.0
    public var transferred = 0
    /// Answered contacts of identified customers: the FCR base.
    public var fcrEligible = 0
    public var fcrResolved = 0
    public var anonymousAnswered = 0

    public init() {}

    /// Counts one contact with threshold `threshold` and short-abandon limit `shortLimit` (both in seconds, inclusive).
    public mutating func add(_ fact: CallFact, threshold: Double, shortLimit: Double) {
        switch fact.outcome {
        case .selfService:
            return
        case .answered:
            let wait = fact.wait ?? 0
            offered += 1
            answered += 1
            if wait <= threshold { answeredWithin += 1 }
            waitSum += wait
            waitSumOfSquares += wait * wait
            if let handle = fact.handle {
                handled += 1
                handleSum += handle
                handleSumOfSquares += handle * handle
            }
            if fact.transferred { transferred += 1 }
            if fact.customer == nil {
                anonymousAnswered += 1
            } else {
                fcrEligible += 1
                if !fact.repeated { fcrResolved += 1 }
            }
        case .abandoned:
            let wait = fact.wait ?? 0
            offered += 1
            abandoned += 1
            if wait <= threshold { abandonedWithin += 1 }
            if wait <= shortLimit { shortAbandoned += 1 }
        }
    }
}

extension CallTally {
    /// Adds another group's counts and sums.
    public mutating func merge(_ other: CallTally) {
        offered += other.offered; answered += other.answered; answeredWithin += other.answeredWithin
        abandoned += other.abandoned; abandonedWithin += other.abandonedWithin; shortAbandoned += other.shortAbandoned
        waitSum += other.waitSum; waitSumOfSquares += other.waitSumOfSquares
        handled += other.handled; handleSum += other.handleSum; handleSumOfSquares += other.handleSumOfSquares
        transferred += other.transferred; fcrEligible += other.fcrEligible; fcrResolved += other.fcrResolved
        anonymousAnswered += other.anonymousAnswered
    }
}
