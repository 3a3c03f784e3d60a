/// How many times each question has been given out by a `QuestionRotation`, and to how many respondents: the state of
/// balanced rotation (Codable, to persist across restarts) and a check of a fair share (count / respondents ≈ K/|pool|).
public struct RotationTally: Sendable, Codable, Equatable {
    public private(set) var asked: [String: Int]
    public private(set) var respondents: Int

    public init(asked: [String: Int] = [:], respondents: Int = 0) {
        self.asked = asked
        self.respondents = respondents
    }

    public func count(of question: String) -> Int {
        asked[question] ?? 0
    }

    /// The share of respondents who were given `question`.
    public func share(of question: String) -> Double? {
        respondents > 0 ? Double(count(of: question)) / Double(respondents) : nil
    }

    /// Records one respondent's questions.
    public mutating func record(_ questions: [String]) {
        respondents += 1
        for question in questions { asked[question, default: 0] += 1 }
    }
}
