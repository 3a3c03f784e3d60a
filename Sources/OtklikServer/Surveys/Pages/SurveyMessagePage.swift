/// A respondent's message page (`survey-message.mustache`): an unknown, expired or used link, thanks, or "saved".
struct SurveyMessagePage: Sendable {
    let heading: String
    let text: String
    /// Until when a saved survey can be continued.
    let detail: String?
    /// The public layout's top line.
    let locationName: String
}
