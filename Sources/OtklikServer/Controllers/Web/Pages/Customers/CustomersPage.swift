/// The customer search (`/customers`, `customers.mustache`): the query and, once searched, the customers found; for
/// admins and managers the review queue of probable matches with merge and keep-apart; the acquisition figures.
struct CustomersPage: Sendable {
    let query: String
    let searched: Bool
    var rows: [Row] = []
    var hasRows = false
    var count: Int?
    /// The result of the last review decision ("Merged …", "Kept apart …"), shown once after the redirect.
    var notice: String?
    var canDecide = false
    var review: [ReviewRow] = []
    var hasReview = false
    var reviewCount = 0
    var acquisition: AcquisitionSection?

    struct Row: Sendable {
        let href: String
        let id: String
        let name: String
        /// "Phone: +7…; E-mail: …".
        let identities: String
        let created: String
    }

    /// One probable match: the two customers, why the rules did not merge them, the identity they share.
    struct ReviewRow: Sendable {
        let id: String
        let leftHref: String
        let left: String
        let rightHref: String
        let right: String
        let reason: String
        let shared: String
        let created: String
    }

    /// CAC by channel and earned vs bought customers, with the definition and n.
    struct AcquisitionSection: Sendable {
        let channels: [Channel]
        let hasChannels: Bool
        let bought: Int
        let earned: Int
        let unknown: Int
        let n: Int
        /// "42 % (95 % CI 35–49 %)", or "—" when n is 0.
        let earnedShare: String
    }

    struct Channel: Sendable {
        let channel: String
        let cost: String
        let customers: Int
        let cac: String
    }
}
