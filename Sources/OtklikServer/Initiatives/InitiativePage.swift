/// `/initiatives/{id}`: one initiative, its scope and links, and the difference-in-differences with n in every cell.
struct InitiativePage: Sendable {
    /// A link to what the initiative is tied to: an open problem or a journey stage.
    struct Link: Sendable {
        var text: String
        var href: String
    }

    var id: String
    var title: String
    var owner: String
    var metric: String
    var definition: String
    var locations: String
    var services: String
    var budget: String
    var start: String
    var end: String
    var control: String
    var controlLocations: String
    var hasControl: Bool
    var problems: [Link]
    var hasProblems: Bool
    var themes: String
    var hasThemes: Bool
    var journeyStages: [Link]
    var hasJourneyStages: Bool
    var status: String
    var before: String
    var after: String
    /// The four cells of the difference-in-differences: the mean, its interval and n; "—" and a note below the minimum n.
    var treatedBefore: FigureCell
    var treatedAfter: FigureCell
    var controlBefore: FigureCell
    var controlAfter: FigureCell
    var treatedChange: String
    var controlChange: String
    var effect: String
    var verdict: String
    var perCost: String
    var measured: Bool
    /// The standard error of the effect; nil when nothing was measured.
    var se: String?
}
