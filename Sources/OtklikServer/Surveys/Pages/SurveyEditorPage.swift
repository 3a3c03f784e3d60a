/// The survey editor (`/surveys/new`, `survey-new.mustache`): the fields as entered, a row per question, the error
/// beside its field and, after "preview", the questions as a respondent will see them.
struct SurveyEditorPage: Sendable {
    let code: String
    let titleRu: String
    let titleEn: String
    let purposes: [SelectOption]
    let methods: [SelectOption]
    let target: String
    let maxQuestions: String
    let probability: String
    let interval: String
    let fatigueDays: String
    let rows: [Row]
    let error: String?
    /// The message by survey field (`code`, `target`, `probability`, `interval`).
    let errors: [String: String]
    var preview: SurveyPreview?

    /// A question's row of the editor.
    struct Row: Sendable {
        /// The message by question field (`code`, `type`, `factor`, `options`, `integral`).
        let errors: [String: String]
        let hasError: Bool
        let index: Int
        let number: Int
        let code: String
        let textRu: String
        let textEn: String
        let factor: String
        /// The options as typed, one per line.
        let options: String
        let integral: Bool
        let types: [SelectOption]
    }
}
