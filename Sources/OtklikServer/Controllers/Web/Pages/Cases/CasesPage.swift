/// The work list of cases (`/cases`, `cases.mustache`): filters, views, a page of rows and the bulk action bar.
struct CasesPage: Sendable {
    let kindOptions: [SelectOption]
    let views: [PageLink]
    let search: String
    let view: String
    let rows: [Row]
    let hasRows: Bool
    let count: Int
    let statusOptions: [SelectOption]
    let locationOptions: [SelectOption]
    let priorityOptions: [SelectOption]
    let overdueOnly: Bool
    let canAct: Bool
    let staffOptions: [SelectOption]
    let bulkStatusOptions: [SelectOption]
    let bulkPriorityOptions: [SelectOption]
    /// "1–50" of `count`.
    let range: String
    let pageNumber: Int
    let pageCount: Int
    let paged: Bool
    /// How the list is ordered, in words.
    let order: String
    /// Links to the neighbouring pages of the list.
    var previous: String?
    var next: String?
    var error: String?
    /// How many cases the last bulk action changed.
    var done: Int?

    /// A case in the list, with the feedback it came from.
    struct Row: Sendable {
        let id: String
        let href: String
        let opened: String
        let due: String
        let overdue: Bool
        let firstResponseOverdue: Bool
        let location: String
        let owner: String
        let status: String
        let priority: String
        let priorityCode: String
        var rating: String?
        var reasons: String?
        /// The first 140 characters of the comment.
        var comment: String?
    }
}
