/// Repeated incidents (`/problems`, `problems.mustache`), filtered by status.
struct ProblemsPage: Sendable {
    let rows: [Row]
    let hasRows: Bool
    let count: Int
    let statusOptions: [SelectOption]
    /// "3 / 30": how many incidents within how many days open a problem.
    let rule: String

    struct Row: Sendable {
        let id: String
        let href: String
        let location: String
        let theme: String
        let status: String
        let opened: String
        let owner: String
    }
}
