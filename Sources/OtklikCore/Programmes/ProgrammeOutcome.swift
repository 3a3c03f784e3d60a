import Foundation

/// What a programme is measured on against its hold-out, over `days` after the customer's first eligibility.
public enum ProgrammeOutcome: String, Sendable, Codable, CaseIterable {
    /// Whether the customer bought again (a transaction) within the window: a proportion, in percent.
    case retention
    /// Whether the customer complained again (a 0-6 answer or a negative button) within the window: a proportion.
    case complaints
    /// The customer's next likelihood-to-recommend answer within the window, coded ±1/0: NPS points.
    case nps
    /// The customer's net purchases within the window: a mean, in the currency.
    case revenue
    /// The customer's CLV at the end of the window (BG/NBD + Gamma-Gamma, 12 months, 1 % a month, as the customer value
    /// computes it), fitted once per report: a model's prediction, a mean in the currency.
    case clv
}
