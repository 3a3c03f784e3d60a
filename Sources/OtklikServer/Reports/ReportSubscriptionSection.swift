/// The report page's section "Monthly report by e-mail" (administrator and CX director only): who gets the report,
/// their last mailing, the form to subscribe and a button to unsubscribe each.
struct ReportSubscriptionSection: Sendable {
    struct Row: Sendable {
        let id: String
        let email: String
        let scope: String
        let language: String
        let formats: String
        let day: Int
        let last: String
    }

    let rows: [Row]
    let hasRows: Bool
    /// The form's values (kept after an error).
    let email: String
    let locations: [SelectOption]
    let languages: [SelectOption]
    let pdf: Bool
    let xlsx: Bool
    let day: String
    var error: String?
    var notice: String?
}
