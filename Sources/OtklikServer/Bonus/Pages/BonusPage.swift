/// Bonuses (`/bonus`, `bonus.mustache`): each staff member's figures and bonus for a period, the formula and its
/// form, and the payroll exports.
struct BonusPage: Sendable {
    let rows: [StaffBonusRow]
    let hasRows: Bool
    let from: String
    let to: String
    /// "The period ends at the last data, …" when the default period ends before today.
    var dataEnd: String? = nil
    let minimumN: Int
    let npsWeight: String
    let csatWeight: String
    /// The tiers one a line, for the form.
    let tiersText: String
    let tiers: [Tier]
    let canEdit: Bool
    let exportHref: String
    let exportXLSXHref: String
    var error: String?

    struct Tier: Sendable {
        let threshold: String
        let bonus: String
    }
}
