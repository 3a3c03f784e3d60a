/// One customer (`/customers/{id}`, `customer.mustache`): the identities, consents and contact preferences, the merge
/// history (with unmerge for admins and managers), the value per customer and a page of the timeline, newest first.
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
    /// Contacts are masked for viewers (the last two digits of a phone, the first letter and domain of an address).
    let masked: Bool
    let items: [Item]
    let hasItems: Bool
    let total: Int
    /// The positions of the first and last item shown.
    let first: Int
    let last: Int
    let newerHref: String?
    let olderHref: String?
    let hasPager: Bool
    var notice: String?
    var canChange = false
    /// The reader is limited to some locations: the timeline holds only the records there, and the merges, value and
    /// churn risk (over the whole history) are left out.
    var scoped = false
    var consents: [ConsentRow] = []
    var hasConsents = false
    var preferences: [Fact] = []
    var hasPreferences = false
    var merges: [MergeRow] = []
    var hasMerges = false
    var mergedInto: String?
    var mergedIntoHref: String?
    var value: Value?
    var churn: CustomerChurnSection?

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

    struct ConsentRow: Sendable {
        let purpose: String
        let channel: String
        let source: String
        let given: String
        let expires: String
        let withdrawn: String
        let inForce: String
    }

    struct Fact: Sendable {
        let label: String
        let value: String
    }

    /// One merge this customer took part in: who absorbed whom, on what evidence, by whom; unmerge while not undone.
    struct MergeRow: Sendable {
        let id: String
        let survivorHref: String
        let survivor: String
        let absorbedHref: String
        let absorbed: String
        let evidence: String
        let actor: String
        let when: String
        let undone: String?
        let canUndo: Bool
        /// `/customers/{id}/unmerge` for the customer shown.
        let action: String
    }

    /// The value per customer: figures when the fit has enough data, the reason otherwise; the model, day and n.
    struct Value: Sendable {
        let ok: Bool
        let reason: String?
        let facts: [Fact]
        let asOf: String
        let n: Int
        let nSpend: Int
    }
}
