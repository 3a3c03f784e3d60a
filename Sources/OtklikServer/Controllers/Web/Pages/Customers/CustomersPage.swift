/// The customer search (`/customers`, `customers.mustache`): the query and, once searched, the customers found.
struct CustomersPage: Sendable {
    let query: String
    let searched: Bool
    var rows: [Row] = []
    var hasRows = false
    var count: Int?

    struct Row: Sendable {
        let href: String
        let id: String
        let name: String
        /// "Phone: +7…; E-mail: …".
        let identities: String
        let created: String
    }
}
