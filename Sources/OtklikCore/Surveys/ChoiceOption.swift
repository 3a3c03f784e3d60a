/// One option of a single- or multiple-choice question, with its label in Russian and English.
public struct ChoiceOption: Sendable, Codable, Equatable {
    public var code: String
    public var labelRu: String
    public var labelEn: String

    public init(code: String, labelRu: String, labelEn: String) {
        self.code = code
        self.labelRu = labelRu
        self.labelEn = labelEn
    }

    enum CodingKeys: String, CodingKey {
        case code, labelRu = "label_ru", labelEn = "label_en"
    }

    public func label(_ language: String) -> String { Survey.either(language == "en" ? labelEn : labelRu, language == "en" ? labelRu : labelEn) }
}
