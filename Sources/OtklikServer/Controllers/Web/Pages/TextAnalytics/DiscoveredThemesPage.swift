/// Themes found in negative comments no theme covers (`/themes/discovered`, `themes-discovered.mustache`),
/// for a manager to name and add to the taxonomy.
struct DiscoveredThemesPage: Sendable {
    let heading: String
    let candidates: [Candidate]
    let hasCandidates: Bool
    /// Negative comments without a theme.
    let negative: Int
    let days: Int
    let canEdit: Bool
    let themes: [Theme]
    var error: String?
    /// The code of the theme just added.
    var added: String?

    struct Candidate: Sendable {
        let index: Int
        let phrase: String
        let negative: Int
        let all: Int
        let score: String
        let examples: [String]
        /// A suggested code for the new theme.
        let code: String
    }

    /// A theme already in the taxonomy.
    struct Theme: Sendable {
        let code: String
        let name: String
        let keywords: String
    }
}
