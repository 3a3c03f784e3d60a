/// The kinds of survey question and their scales: NPS 0-10, CSAT 1-5, CES 2.0 1-7 (agree, 7 = very easy),
/// Likert 1-5 with positive wording («Вы согласны, что…»), single and multiple choice, open text, and a Kano pair
/// (a feature's functional and dysfunctional forms, each answered with one of the five standard answers).
public enum QuestionType: String, Sendable, Codable, CaseIterable {
    case nps
    case csat
    case ces
    case likert
    case single
    case multiple
    case text
    case kano

    /// The answer scale of a rating question; nil for choices and open text.
    public var scale: ClosedRange<Int>? {
        switch self {
        case .nps: 0...10
        case .csat: 1...5
        case .ces: 1...7
        case .likert: 1...5
        case .single, .multiple, .text, .kano: nil
        }
    }

    /// Choice questions carry options.
    public var hasOptions: Bool { self == .single || self == .multiple }

    /// The five answers of a Kano question, in the evaluation table's order (like, must-be, neutral, live-with,
    /// dislike); a Kano answer is the pair [functional, dysfunctional] of these codes.
    public static let kanoAnswers = ["like", "must-be", "neutral", "live-with", "dislike"]
}
