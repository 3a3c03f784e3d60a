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
    /// How many question rows the form has (posted back, so "more questions" adds to it).
    let rowCount: Int
    let canAddRows: Bool
    let error: String?
    /// The message by survey field (`code`, `target`, `probability`, `interval`).
    let errors: [String: String]
    var preview: SurveyPreview?
    /// Where the form posts: `/surveys` for a new survey, `/surveys/{code}/edit` for an edit.
    let action: String
    /// Editing a survey once created: the code is fixed, and once answered only the wording may change.
    let editing: Bool
    /// The link back: the list, or the survey's results.
    let back: String
    /// The survey's sampling plan (quotas or strata, set through the JSON) is kept as stored.
    let keptSampling: Bool

    /// A question's row of the editor.
    struct Row: Sendable {
        /// The message by question field (`code`, `type`, `factor`, `options`, `integral`, `dysfunctional_ru`,
        /// `dysfunctional_en`, `expectation_of`, `importance_of`, `show_if`).
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
        /// A Kano question's dysfunctional form.
        let dysfunctionalRu: String
        let dysfunctionalEn: String
        /// SERVQUAL: the perception item this expectation item is paired with.
        let expectationOf: String
        /// The factor whose stated importance this item rates.
        let importanceOf: String
        /// Skip logic: the earlier question, the comparison and its value(s).
        let showIfQuestion: String
        let showIfOps: [SelectOption]
        let showIfValue: String
        /// The row's advanced part is open (something is filled in or wrong there).
        let open: Bool
        /// The first row "more questions" added: the keyboard lands on its code.
        let focus: Bool
    }
}
