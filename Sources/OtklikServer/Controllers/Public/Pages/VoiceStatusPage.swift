/// An employee's report as its sender follows it (`/voice/status/{token}`, `voice-status.mustache`).
struct VoiceStatusPage: Sendable {
    let kind: String
    let text: String
    let created: String
    let status: String
    let resolved: Bool
    /// The public layout's top line.
    let locationName: String
    var resolution: String?
    var note: String?
}
