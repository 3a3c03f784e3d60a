/// A feedback survey's public start page (`/s/open/{code}`, `survey-start.mustache`): its title and a button that
/// opens a fresh invitation.
struct SurveyStartPage: Sendable {
    let title: String
    /// Where the start button posts.
    let action: String
    /// The public layout's top line.
    let locationName: String
}
