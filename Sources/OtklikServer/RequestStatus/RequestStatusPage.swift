/// `/request-status/{token}`: a service request's public status for the customer who holds the link — the service, when
/// it was submitted, its status and when it was closed — and, once it is completed, the short survey (CSAT 1-5).
struct RequestStatusPage: Sendable {
    struct Choice: Sendable {
        var score: Int
        var label: String
    }

    var service: String
    var submitted: String
    var status: String
    var isOpen: Bool
    /// The label of the closing date (completed, refused or withdrawn on), nil while open.
    var closedLabel: String?
    var closed: String?
    var asksForRating: Bool
    var rating: String?
    var choices: [Choice]
    var error: String?
    /// The public layout's top line.
    var locationName: String
}
