/// A stage named across journeys: `journey/stage` (an initiative's scope names stages so).
public struct JourneyStageReference: Sendable, Hashable, Comparable {
    public var journey: String
    public var stage: String

    public init(journey: String, stage: String) {
        self.journey = journey
        self.stage = stage
    }

    /// Parses `journey/stage`; nil when either part is not an identifier.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, Identifier.isValid(parts[0]), Identifier.isValid(parts[1]) else { return nil }
        journey = parts[0]
        stage = parts[1]
    }

    public var text: String { "\(journey)/\(stage)" }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.text < rhs.text }
}
