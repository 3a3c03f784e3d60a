/// `/initiatives`: the portfolio ranked by measured improvement per cost and, for those who may register, the form
/// with what was typed into it and the error that sent it back.
struct InitiativeListPage: Sendable {
    /// One initiative in the portfolio.
    struct Row: Sendable {
        var id: String
        var href: String
        var title: String
        var metric: String
        /// "1", or "—" when the initiative is not ranked.
        var rank: String
        var improvement: String
        var nTreated: Int
        var nControl: Int
        var budget: String
        var perCost: String
        var verdict: String
        var ranked: Bool
        var status: String
    }

    /// The text fields of the form as they were sent ("" on a fresh form).
    struct Form: Sendable {
        var id = ""
        var title = ""
        var owner = ""
        var budget = ""
        var start = ""
        var end = ""
    }

    /// One checkbox of the form's scope: its value, its label and whether it is ticked.
    struct Choice: Sendable {
        var code: String
        var label: String
        var checked: Bool
    }

    var rows: [Row]
    var hasRows: Bool
    var count: Int
    var canAct: Bool
    /// Why the form came back; nil on a fresh form.
    var error: String?
    var form: Form
    var metrics: [SelectOption]
    var controls: [SelectOption]
    var locations: [Choice]
    var services: [Choice]
    var problems: [Choice]
    var hasProblems: Bool
    var themes: [Choice]
}
