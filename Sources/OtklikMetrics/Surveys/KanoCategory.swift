/// A Kano category and the evaluation table that assigns it (METHODS.md "Kano": rows functional, columns
/// dysfunctional, both in the order L M N Lw D).
public enum KanoCategory: String, Sendable, Codable, CaseIterable {
    case attractive = "A", oneDimensional = "O", mustBe = "M", indifferent = "I", reverse = "R", questionable = "Q"

    private static let table: [[KanoCategory]] = [
        [.questionable, .attractive, .attractive, .attractive, .oneDimensional],  // L
        [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],  // M
        [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],  // N
        [.reverse, .indifferent, .indifferent, .indifferent, .mustBe],  // Lw
        [.reverse, .reverse, .reverse, .reverse, .questionable],  // D
    ]

    /// The category of one functional/dysfunctional answer pair.
    public init(functional: KanoAnswer, dysfunctional: KanoAnswer) {
        self = Self.table[functional.rawValue - 1][dysfunctional.rawValue - 1]
    }
}
