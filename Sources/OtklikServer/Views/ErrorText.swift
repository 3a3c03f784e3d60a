import OtklikCore

/// An error as a page says it, in the reader's language. The store's messages are English and name fields as
/// the API does (`title_en: title_en is 1-200 characters`); a page shows the field's own sentence from the resource
/// files (`error_field_title_en`), else one for the error's code (`error_code_not_found`). English readers get the
/// store's message without the field's technical name when no sentence is written for it.
enum ErrorText {
    /// `questions[2].text_en` → `text_en`: the field's own name, without where it sits in a list.
    static func baseField(_ field: String) -> String {
        let last = field.split(separator: ".").last.map(String.init) ?? field
        return last.replacingOccurrences(of: #"\[\d+\]"#, with: "", options: .regularExpression)
    }

    /// The index of the question a field belongs to (`questions[2].text_en` → 2).
    static func questionIndex(_ field: String) -> Int? {
        guard let match = field.firstMatch(of: /questions\[(\d+)\]/) else { return nil }
        return Int(match.1)
    }

    static func message(_ error: OtklikError, text: [String: String], language: String) -> String {
        message(code: error.code.rawValue, field: error.field, message: error.message, text: text, language: language)
    }

    static func message(code: String, field: String?, message: String, text: [String: String], language: String) -> String {
        if code == OtklikError.Code.invalidInput.rawValue, let field, let sentence = text["error_field_\(baseField(field))"] { return sentence }
        if language == "en" { return message }
        return text["error_code_\(code)"] ?? text["error_code_invalid_input"] ?? message
    }
}
