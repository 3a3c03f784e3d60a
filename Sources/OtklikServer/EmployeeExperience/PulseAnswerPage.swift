/// The staff member's pulse survey form (`/pulse/{token}`, `pulse-answer.mustache`): the eNPS question 0-10 and a comment.
struct PulseAnswerPage: Sendable {
    struct Point: Sendable {
        let value: Int
        let id: String
        let checked: Bool
    }

    let title: String
    let action: String
    let points: [Point]
    let comment: String
    /// Set when the form comes back refused (no score chosen).
    let error: String?
    /// The public layout's top line.
    let locationName: String
}
