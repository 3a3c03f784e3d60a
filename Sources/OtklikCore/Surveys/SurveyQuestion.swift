/// A survey question: its type, its text in Russian and English, the factor a Likert item measures, whether it is
/// the survey's integral question (asked of everyone), and the options of a choice question.
public struct SurveyQuestion: Sendable, Codable, Equatable {
    public var code: String
    public var type: QuestionType
    public var textRu: String
    public var textEn: String
    /// The factor (e.g. a SERVQUAL dimension) a Likert item measures; only Likert items have one.
    public var factor: String?
    /// The integral question (NPS, CSAT, CES or a Likert item): always asked, the target of driver analysis.
    public var integral: Bool
    public var options: [ChoiceOption]

    public init(
        code: String, type: QuestionType, textRu: String, textEn: String, factor: String? = nil, integral: Bool = false,
        options: [ChoiceOption] = []
    ) {
        self.code = code
        self.type = type
        self.textRu = textRu
        self.textEn = textEn
        self.factor = factor
        self.integral = integral
        self.options = options
    }

    enum CodingKeys: String, CodingKey {
        case code, type, textRu = "text_ru", textEn = "text_en", factor, integral, options
    }

    /// `factor`, `integral` and `options` may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        type = try container.decode(QuestionType.self, forKey: .type)
        textRu = try container.decode(String.self, forKey: .textRu)
        textEn = try container.decode(String.self, forKey: .textEn)
        factor = try container.decodeIfPresent(String.self, forKey: .factor)
        integral = try container.decodeIfPresent(Bool.self, forKey: .integral) ?? false
        options = try container.decodeIfPresent([ChoiceOption].self, forKey: .options) ?? []
    }

    public func text(_ language: String) -> String { language == "en" ? textEn : textRu }

    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        for (field, text) in [("text_ru", textRu), ("text_en", textEn)] where text.trimmingCharacters(in: .whitespaces).isEmpty || text.count > 500 {
            throw .invalid(field, "\(field) is 1-500 characters")
        }
        if let factor {
            guard type == .likert else { throw .invalid("factor", "only Likert items measure a factor") }
            try Identifier.validate(factor, field: "factor")
        }
        if integral, type.scale == nil { throw .invalid("integral", "the integral question is a rating: nps, csat, ces or likert") }
        if type.hasOptions {
            guard (2...30).contains(options.count) else { throw .invalid("options", "a choice question has 2-30 options") }
            var seen = Set<String>()
            for (index, option) in options.enumerated() {
                try Identifier.validate(option.code, field: "options[\(index)].code")
                guard seen.insert(option.code).inserted else { throw .invalid("options[\(index)].code", "option '\(option.code)' is listed twice") }
                for (field, label) in [("label_ru", option.labelRu), ("label_en", option.labelEn)] where label.isEmpty || label.count > 200 {
                    throw .invalid("options[\(index)].\(field)", "\(field) is 1-200 characters")
                }
            }
        } else if !options.isEmpty {
            throw .invalid("options", "only single and multiple choice questions have options")
        }
    }
}
