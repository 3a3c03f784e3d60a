/// A survey question: its type, its text in Russian and English, the factor a Likert item measures, whether it is
/// the survey's integral question (asked of everyone), and the options of a choice question. A `kano` question is one
/// feature: its text is the functional form («Если в отделении будет…, как вы к этому отнесётесь?») and
/// `dysfunctional_ru`/`dysfunctional_en` the dysfunctional one («…не будет…»). A Likert item with `expectation_of`
/// is a SERVQUAL expectation item: it measures what the respondent expects of the perception item it names (a Likert
/// item with a factor, the SERVQUAL dimension), and measures no factor itself. A Likert item with `importance_of` is a
/// stated-importance item («Насколько для вас важно…»): it rates how important the factor it names is, and measures no
/// factor itself. `show_if` (``ShowCondition``) shows the question only when an earlier answer matches (skip logic).
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
    /// The dysfunctional form of a Kano question.
    public var dysfunctionalRu: String?
    public var dysfunctionalEn: String?
    /// SERVQUAL: the perception item (a Likert item with a factor) whose expectation this Likert item measures.
    public var expectationOf: String?
    /// Stated importance: the factor (measured by other Likert items of the survey) whose importance this Likert item rates.
    public var importanceOf: String?
    /// Skip logic: shown only when an earlier question's answer matches; nil shows it always.
    public var showIf: ShowCondition?

    public init(
        code: String, type: QuestionType, textRu: String, textEn: String, factor: String? = nil, integral: Bool = false,
        options: [ChoiceOption] = [], dysfunctionalRu: String? = nil, dysfunctionalEn: String? = nil, expectationOf: String? = nil,
        importanceOf: String? = nil, showIf: ShowCondition? = nil
    ) {
        self.code = code
        self.type = type
        self.textRu = textRu
        self.textEn = textEn
        self.factor = factor
        self.integral = integral
        self.options = options
        self.dysfunctionalRu = dysfunctionalRu
        self.dysfunctionalEn = dysfunctionalEn
        self.expectationOf = expectationOf
        self.importanceOf = importanceOf
        self.showIf = showIf
    }

    enum CodingKeys: String, CodingKey {
        case code, type, textRu = "text_ru", textEn = "text_en", factor, integral, options
        case dysfunctionalRu = "dysfunctional_ru", dysfunctionalEn = "dysfunctional_en", expectationOf = "expectation_of"
        case importanceOf = "importance_of", showIf = "show_if"
    }

    /// Everything but code, type and texts may be left out.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        code = try container.decode(String.self, forKey: .code)
        type = try container.decode(QuestionType.self, forKey: .type)
        textRu = try container.decode(String.self, forKey: .textRu)
        textEn = try container.decodeIfPresent(String.self, forKey: .textEn) ?? ""
        factor = try container.decodeIfPresent(String.self, forKey: .factor)
        integral = try container.decodeIfPresent(Bool.self, forKey: .integral) ?? false
        options = try container.decodeIfPresent([ChoiceOption].self, forKey: .options) ?? []
        dysfunctionalRu = try container.decodeIfPresent(String.self, forKey: .dysfunctionalRu)
        dysfunctionalEn = try container.decodeIfPresent(String.self, forKey: .dysfunctionalEn)
        expectationOf = try container.decodeIfPresent(String.self, forKey: .expectationOf)
        importanceOf = try container.decodeIfPresent(String.self, forKey: .importanceOf)
        showIf = try container.decodeIfPresent(ShowCondition.self, forKey: .showIf)
    }

    /// The text in `language`, or in the other language when this one was left empty (English is optional).
    public func text(_ language: String) -> String { Survey.either(language == "en" ? textEn : textRu, language == "en" ? textRu : textEn) }
    /// The dysfunctional form of a Kano question.
    /// The dysfunctional form of a Kano question, in the other language when this one was left empty.
    public func dysfunctional(_ language: String) -> String {
        Survey.either((language == "en" ? dysfunctionalEn : dysfunctionalRu) ?? "", (language == "en" ? dysfunctionalRu : dysfunctionalEn) ?? "")
    }

    public func validate() throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        for (field, text) in [("text_ru", textRu), ("text_en", textEn)] where text.count > 500 {
            throw .invalid(field, "\(field) is at most 500 characters")
        }
        if textRu.trimmingCharacters(in: .whitespaces).isEmpty && textEn.trimmingCharacters(in: .whitespaces).isEmpty {
            throw .invalid("text_ru", "a question has a text, text_ru or text_en, 1-500 characters")
        }
        if let factor {
            guard type == .likert else { throw .invalid("factor", "only Likert items measure a factor") }
            try Identifier.validate(factor, field: "factor")
        }
        if type == .kano {
            // One language is enough, as for the question's text.
            for (field, text) in [("dysfunctional_ru", dysfunctionalRu), ("dysfunctional_en", dysfunctionalEn)] where (text ?? "").count > 500 {
                throw .invalid(field, "\(field) is at most 500 characters")
            }
            if (dysfunctionalRu ?? "").trimmingCharacters(in: .whitespaces).isEmpty && (dysfunctionalEn ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw .invalid("dysfunctional_ru", "a Kano question has its dysfunctional form, dysfunctional_ru or dysfunctional_en, 1-500 characters")
            }
        } else if dysfunctionalRu != nil || dysfunctionalEn != nil {
            throw .invalid("dysfunctional_ru", "only Kano questions have a dysfunctional form")
        }
        if let expectationOf {
            guard type == .likert else { throw .invalid("expectation_of", "only Likert items measure a SERVQUAL expectation") }
            guard factor == nil, !integral else { throw .invalid("expectation_of", "an expectation item has no factor of its own and is not the integral question") }
            try Identifier.validate(expectationOf, field: "expectation_of")
        }
        if let importanceOf {
            guard type == .likert else { throw .invalid("importance_of", "only Likert items (1-5) rate a factor's stated importance") }
            guard factor == nil, expectationOf == nil, !integral else {
                throw .invalid("importance_of", "a stated-importance item has no factor or expectation_of of its own and is not the integral question")
            }
            try Identifier.validate(importanceOf, field: "importance_of")
        }
        if integral, showIf != nil { throw .invalid("show_if", "the integral question is asked of everyone: it has no show_if") }
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
