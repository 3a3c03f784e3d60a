/// A staff member's own results (`/my-results`, `my-results.mustache`): the figures and bonus for a period and
/// the customers' praise. `staff` is nil for a user not linked to a staff member.
struct MyResultsPage: Sendable {
    let from: String
    let to: String
    /// "The period ends at the last data, …" when the default period ends before today.
    var dataEnd: String? = nil
    var staff: String?
    var code: String?
    var minimumN: Int?
    var figure: StaffBonusRow?
    var praise: [Praise] = []
    var hasPraise = false

    struct Praise: Sendable {
        let comment: String
        let at: String
        /// The comment names the staff member.
        let namesThem: Bool
    }
}
