/// One answer: a score for a rating question, option codes for a choice question, text for an open question, and for a
/// Kano question the pair [functional, dysfunctional] of Kano answer codes (`QuestionType.kanoAnswers`).
public struct SurveyAnswer: Sendable, Codable, Equatable {
    public var question: String
    public var score: Int?
    public var choices: [String]
    public var text: String?

    public init(question: String, score: Int? = nil, choices: [String] = [], text: String? = nil) {
        self.question = question
        self.score = score
        self.choices = choices
        self.text = text
    }

    public var isEmpty: Bool { score == nil && choices.isEmpty && (text ?? "").isEmpty }

    /// Checks the answer against its question: a score on the scale, known options (one for single choice), text
    /// of at most 2,000 characters.
    public func validate(against question: SurveyQuestion) throws(OtklikError) {
        if question.type == .kano {
            guard score == nil, text == nil else { throw .invalid(question.code, "answer a Kano question with [functional, dysfunctional]") }
            guard choices.isEmpty || (choices.count == 2 && choices.allSatisfy(QuestionType.kanoAnswers.contains)) else {
                throw .invalid(question.code, "a Kano answer is two of \(QuestionType.kanoAnswers.joined(separator: ", ")): functional, then dysfunctional")
            }
        } else if let scale = question.type.scale {
            guard choices.isEmpty, text == nil else { throw .invalid(question.code, "answer with a score") }
            if let score, !scale.contains(score) { throw .invalid(question.code, "the score is \(scale.lowerBound)-\(scale.upperBound)") }
        } else if question.type.hasOptions {
            guard score == nil, text == nil else { throw .invalid(question.code, "answer with option codes") }
            let known = Set(question.options.map(\.code))
            guard choices.allSatisfy(known.contains), Set(choices).count == choices.count else { throw .invalid(question.code, "unknown or repeated option") }
            if question.type == .single, choices.count > 1 { throw .invalid(question.code, "choose one option") }
        } else {
            guard score == nil, choices.isEmpty else { throw .invalid(question.code, "answer with text") }
            if let text, text.count > 2_000 { throw .invalid(question.code, "at most 2000 characters") }
        }
    }
}
