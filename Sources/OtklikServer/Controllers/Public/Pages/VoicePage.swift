/// The employee-voice form (`/voice`, `voice.mustache`): an issue or idea, as entered when it was refused.
struct VoicePage: Sendable {
    /// The report's idempotency id, kept across a refused send.
    let id: String
    let text: String
    let staff: String
    let isIdea: Bool
    let locations: [SelectOption]
    /// The public layout's top line.
    let locationName: String
    var error: String?
}
