/// The sentiment of a text.
public enum SentimentLabel: String, Sendable, Codable, CaseIterable, Comparable {
    case negative, neutral, positive

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
