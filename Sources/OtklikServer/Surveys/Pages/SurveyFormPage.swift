/// The respondent's survey form (`/s/{token}`, `survey-respond.mustache`): the questions shown to this respondent,
/// with their answers so far and the errors, listed on top and beside each question.
struct SurveyFormPage: Sendable {
    let title: String
    /// The public layout's top line.
    let locationName: String
    let questions: [Question]
    let action: String
    let hasErrors: Bool
    let errors: [ErrorLink]
    let count: Int
    /// The respondent answered part of it before.
    let partial: Bool
    /// The questions this page shows, comma-separated (skip logic: the server compares them with what the answers show).
    let seen: String
    /// The last answers opened more questions (skip logic): the page says so and marks them.
    let hasRevealed: Bool
    /// The id of the first question opened, for the notice's link.
    let firstRevealed: String?

    /// An error in the summary on top, linking to its question.
    struct ErrorLink: Sendable {
        let href: String
        let text: String
    }

    /// A question as a fieldset: a scale, choices, a Kano pair or a text box (`isScale`, `isChoice`, `isKano`, `isText`).
    struct Question: Sendable {
        let id: String
        /// The form field's name; the options' inputs take it from here.
        let name: String
        let legend: String
        let number: Int
        let required: Bool
        let error: String?
        let hasError: Bool
        /// Opened by the last answers (skip logic).
        var revealed = false
        var isKano = false
        var dysfunctionalLegend: String?
        var functional: [Choice] = []
        var dysfunctional: [Choice] = []
        var isScale = false
        var anchorsId: String?
        var wide = false
        var points: [Point] = []
        var low: String?
        var high: String?
        var isChoice = false
        var inputType: String?
        var hint: String?
        var options: [Choice] = []
        var isText = false
        var value: String?
    }

    /// A point of a scale; the input's name is the question's.
    struct Point: Sendable {
        let value: Int
        let id: String
        let checked: Bool
    }

    /// An option; a Kano answer names its own field (functional or dysfunctional), a choice takes the question's.
    struct Choice: Sendable {
        var name: String?
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }
}
