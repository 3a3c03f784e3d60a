/// A survey's questions as a respondent will see them, in the reader's language (the editor's preview).
struct SurveyPreview: Sendable {
    let title: String
    let questions: [Question]
    /// How many questions each respondent answers, in words.
    let k: String
    /// Some questions are shown only after certain answers.
    let skipLogic: Bool

    struct Question: Sendable {
        let number: Int
        let text: String
        let integral: Bool
        /// "0–10", or empty for questions without a scale (the type's name says it: "NPS 0-10").
        let scale: String
        /// The type with its scale ("NPS 0-10", "Kano (feature, both forms)").
        let type: String
        let options: [String]
        let hasOptions: Bool
        /// A Kano question's dysfunctional form (answered with the same five answers).
        let dysfunctional: String?
        /// What a Likert item rates: its factor, a SERVQUAL expectation, a factor's importance.
        let role: String?
        /// When the question is shown (skip logic), in words.
        let condition: String?
    }
}
