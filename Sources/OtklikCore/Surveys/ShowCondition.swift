/// Skip logic: a question is shown only when the answer to an earlier question matches — `{"question": "nps",
/// "at_most": 6}`, `{"question": "visit", "equals": "loan"}`, `{"question": "why", "in": ["card", "loan"]}`. Exactly one
/// of `equals`, `in`, `at_most` and `at_least`: scores (numbers on the earlier question's scale) for a rating question,
/// option codes for a choice question (`equals`/`in` only). An unanswered or hidden earlier question hides this one.
public struct ShowCondition: Sendable, Codable, Equatable {
    /// A value a condition compares with: a score or an option code.
    public enum Value: Sendable, Codable, Equatable, CustomStringConvertible {
        case score(Int)
        case option(String)

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .score(number) } else { self = .option(try container.decode(String.self)) }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .score(let number): try container.encode(number)
            case .option(let code): try container.encode(code)
            }
        }

        public var description: String {
            switch self {
            case .score(let number): String(number)
            case .option(let code): code
            }
        }
    }

    /// How the earlier answer is compared.
    public enum Operator: String, Sendable, CaseIterable {
        case equals
        case `in`
        case atMost = "at_most"
        case atLeast = "at_least"
    }

    /// The earlier question's code.
    public var question: String
    public var equals: Value?
    public var `in`: [Value]?
    public var atMost: Int?
    public var atLeast: Int?

    public init(question: String, equals: Value? = nil, in values: [Value]? = nil, atMost: Int? = nil, atLeast: Int? = nil) {
        self.question = question
        self.equals = equals
        self.in = values
        self.atMost = atMost
        self.atLeast = atLeast
    }

    enum CodingKeys: String, CodingKey {
        case question, equals, `in`, atMost = "at_most", atLeast = "at_least"
    }

    /// The operators given (a valid condition has exactly one).
    public var operators: [Operator] {
        [(Operator.equals, equals != nil), (.in, self.in != nil), (.atMost, atMost != nil), (.atLeast, atLeast != nil)].filter(\.1).map(\.0)
    }

    /// The values compared with, for the one operator given.
    public var values: [Value] {
        if let equals { return [equals] }
        if let values = self.in { return values }
        if let atMost { return [.score(atMost)] }
        if let atLeast { return [.score(atLeast)] }
        return []
    }

    /// Whether `answer` (the earlier question's) shows the question; no answer never does.
    public func isMet(by answer: SurveyAnswer?) -> Bool {
        guard let answer, !answer.isEmpty else { return false }
        if let score = answer.score {
            if let atMost { return score <= atMost }
            if let atLeast { return score >= atLeast }
            return values.contains(.score(score))
        }
        return values.contains { value in
            if case .option(let code) = value { return answer.choices.contains(code) }
            return false
        }
    }

    /// Checks the condition against the questions asked before the one it belongs to (`earlier`, in survey order).
    public func validate(earlier: [SurveyQuestion]) throws(OtklikError) {
        guard let source = earlier.first(where: { $0.code == question }) else {
            throw .invalid("question", "show_if.question names a question asked earlier in the survey ('\(question)' is not one)")
        }
        guard operators.count == 1 else {
            throw .invalid("equals", "show_if has exactly one of equals, in, at_most, at_least")
        }
        if let values = self.in, !(1...30).contains(values.count) { throw .invalid("in", "show_if.in lists 1-30 values") }
        let field = operators[0] == .in ? "in" : operators[0].rawValue
        if let scale = source.type.scale {
            for value in values {
                guard case .score(let score) = value, scale.contains(score) else {
                    throw .invalid(field, "'\(question)' is answered \(scale.lowerBound)-\(scale.upperBound): show_if compares with a score on that scale")
                }
            }
        } else if source.type.hasOptions {
            guard atMost == nil, atLeast == nil else { throw .invalid(field, "a choice question is compared with equals or in (option codes)") }
            let known = Set(source.options.map(\.code))
            for value in values {
                guard case .option(let code) = value, known.contains(code) else {
                    throw .invalid(field, "show_if names options of '\(question)' (\(source.options.map(\.code).joined(separator: ", ")))")
                }
            }
        } else {
            throw .invalid("question", "show_if follows a rating or a choice question, not a \(source.type.rawValue) question")
        }
    }
}
