/// `/status/{token}`: a complaint case's public status for the customer who holds the link — the status and the dates
/// only — and, once it is resolved, one question: how satisfied they are with the resolution (1-5).
struct CaseStatusPage: Sendable {
    struct Choice: Sendable {
        var score: Int
        var label: String
    }

    var status: String
    var opened: String
    var due: String
    var resolved: String?
    var isOpen: Bool
    /// Open past its planned date: the page says it is taking longer, not "we aim to resolve it by" a day gone by.
    var overdue: Bool
    var asksForRating: Bool
    var rating: String?
    var choices: [Choice]
    var error: String?
    /// The public layout's top line.
    var locationName: String
}
