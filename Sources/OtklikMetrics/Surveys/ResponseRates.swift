/// Response rates by the AAPOR Standard Definitions (AAPOR 2023, 10th ed.; METHODS.md "Sampling and response") from
/// final disposition counts: complete interviews I, partials P, refusals and break-offs R, non-contacts NC, other
/// eligible non-interviews O, and cases of unknown eligibility UH (unknown if household/occupied) and UO (other).
public struct ResponseRates: Sendable, Equatable, Codable {
    public var complete: Int
    public var partial: Int
    public var refusal: Int
    public var nonContact: Int
    public var other: Int
    public var unknownHousehold: Int
    public var unknownOther: Int

    public init(complete: Int, partial: Int = 0, refusal: Int = 0, nonContact: Int = 0, other: Int = 0, unknownHousehold: Int = 0, unknownOther: Int = 0) {
        self.complete = complete
        self.partial = partial
        self.refusal = refusal
        self.nonContact = nonContact
        self.other = other
        self.unknownHousehold = unknownHousehold
        self.unknownOther = unknownOther
    }

    private var interviews: Double { Double(complete + partial) }
    private var eligibleNonInterviews: Double { Double(refusal + nonContact + other) }
    private var unknown: Double { Double(unknownHousehold + unknownOther) }

    private func rate(_ numerator: Double, _ denominator: Double) -> Double? { denominator > 0 ? numerator / denominator : nil }

    /// RR1 = I / ((I + P) + (R + NC + O) + (UH + UO)): the minimum response rate.
    public var rr1: Double? { rate(Double(complete), interviews + eligibleNonInterviews + unknown) }
    /// RR2 = (I + P) / ((I + P) + (R + NC + O) + (UH + UO)): partials count as responses.
    public var rr2: Double? { rate(interviews, interviews + eligibleNonInterviews + unknown) }
    /// RR3 = I / ((I + P) + (R + NC + O) + e·(UH + UO)), e the estimated share of unknown cases that are eligible.
    public func rr3(e: Double) -> Double? { rate(Double(complete), interviews + eligibleNonInterviews + e * unknown) }
    /// RR4 = (I + P) / ((I + P) + (R + NC + O) + e·(UH + UO)).
    public func rr4(e: Double) -> Double? { rate(interviews, interviews + eligibleNonInterviews + e * unknown) }
    /// RR5 = RR3 with e = 0: unknown cases assumed ineligible.
    public var rr5: Double? { rr3(e: 0) }
    /// RR6 = RR4 with e = 0: the maximum response rate.
    public var rr6: Double? { rr4(e: 0) }
}
