/// One customer (`/customers/{id}`, `customer.mustache`): the identities and a page of the timeline, newest first.
struct CustomerPage: Sendable {
    let id: String
    let name: String
    let hasName: Bool
    let created: String
    /// The customer's language, or "—".
    let lang: String
    let erased: Bool
    let identities: [Identity]
    let hasIdentities: Bool
    let items: [Item]
    let hasItems: Bool
    let total: Int
    /// The positions of the first and last item shown.
    let first: Int
    let last: Int
    let newerHref: String?
    let olderHref: String?
    let hasPager: Bool

    struct Identity: Sendable {
        let kind: String
        let value: String
        let source: String
        let firstSeen: String
    }

    /// A timeline item and the identity that linked it; a case links to its page.
    struct Item: Sendable {
        let when: String
        let what: String
        let channel: String
        let state: String
        let details: String
        let linkedBy: String
        let href: String?
    }
}
