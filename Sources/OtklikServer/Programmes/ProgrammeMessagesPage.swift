/// `/programmes/{code}/messages`: what a programme sent to whom — the customer's id and the address masked, never in
/// full — over which channel, with the status, the attempts made and the time; filtered by status, a page at a time.
struct ProgrammeMessagesPage: Sendable {
    struct Line: Sendable {
        var id: String
        var at: String
        var customer: String
        var channel: String
        /// The address masked; nil once it is gone (sent or given up, and no delivery record kept it).
        var recipient: String?
        /// The status in words ("sent", "failed after 5 attempts").
        var status: String
        /// The status code, for the line's class: pending, sent, failed, delivered, bounced.
        var statusCode: String
        var attempts: Int
        var sentAt: String?
    }

    var code: String
    var name: String
    var statusOptions: [SelectOption]
    var lines: [Line]
    var hasLines: Bool
    var total: Int
    var range: String
    var pageNumber: Int
    var pageCount: Int
    var paged: Bool
    var previous: String?
    var next: String?
    /// "Sent 40 · pending 2 · failed 1" for the whole programme.
    var counts: String
    /// What an empty list says: none sent yet (no status chosen) or none with the chosen status.
    var none: String
}
