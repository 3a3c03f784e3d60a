/// The organisation's self-score of one standard: 0-4, or nil when the item was not assessed, with a note of the
/// evidence.
public struct MaturityItemScore: Sendable, Equatable, Codable {
    public var itemId: String
    public var score: Int?
    public var evidence: String

    public init(itemId: String, score: Int?, evidence: String = "") {
        self.itemId = itemId
        self.score = score
        self.evidence = evidence
    }

    public static let range = 0...4
}
