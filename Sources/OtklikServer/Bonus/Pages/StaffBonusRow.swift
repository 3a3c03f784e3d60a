/// A staff member's survey figures and bonus for a period: on the bonus page's table and on "my results".
struct StaffBonusRow: Sendable {
    let staff: String
    let code: String
    let invited: Int
    let respondents: Int
    let rate: String
    let nps: BonusFigure
    let csat: BonusFigure
    let score: String
    let bonus: String
}
