/// The signed-in user's notifications (`/notifications`, `notifications.mustache`): the digest of unread ones by
/// kind, and a page of the list, newest first.
struct NotificationsPage: Sendable {
    let rows: [Row]
    let hasRows: Bool
    let unreadOnly: Bool
    /// The staff member the user is linked to, with the code.
    let linked: String
    let isLinked: Bool
    let unread: Int
    let digest: [DigestGroup]
    let hasDigest: Bool
    let total: Int
    let range: String
    let pageNumber: Int
    let pageCount: Int
    let paged: Bool
    let allHref: String
    let unreadHref: String
    /// The kind the list is narrowed to.
    var kind: Kind?
    var previous: String?
    var next: String?
    /// How many were just marked read.
    var done: Int?

    struct Row: Sendable {
        let id: String
        let title: String
        let subject: String
        let href: String
        let detail: String
        let hasDetail: Bool
        let at: String
        let unread: Bool
    }

    /// Unread notifications of one kind.
    struct DigestGroup: Sendable {
        let kind: String
        let title: String
        let count: Int
        let newest: String
        let href: String
        let current: Bool
    }

    struct Kind: Sendable {
        let code: String
        let title: String
    }
}
