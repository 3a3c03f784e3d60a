/// What came of a red-press alert, recorded when it is closed (seed 002: "let them speak, try to turn the situation
/// round").
public enum AlertOutcome: String, Sendable, Codable, CaseIterable {
    /// The customer left satisfied after all.
    case turnedRound = "turned_round"
    /// Staff spoke with the customer; the customer stayed dissatisfied.
    case notTurnedRound = "not_turned_round"
    /// Nobody could be found to speak to: the customer had left.
    case customerGone = "customer_gone"
}
