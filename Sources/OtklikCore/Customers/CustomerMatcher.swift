/// Exact matching of a record's identifiers to customers, as a pure function. The client's own customer id decides
/// when it is given (its customer, or a new one); otherwise the most trusted identifier that already names a customer
/// (loyalty card, then phone, e-mail, device); otherwise a new customer. Identifiers nobody owns yet are attached to
/// the resolved customer; one owned by another customer stays with it (merging is a later, reviewed step).
///
/// With `holdsOther` (the import's device rule, ``IdentityRules``: a device never joins two customers that each hold
/// another identity), a record whose only owned identifier is a device, and that carries another identifier itself,
/// links to the device's customer only when that customer holds nothing but devices; otherwise it is a new customer
/// (two people on one tablet stay two, and the pair goes to review).
public enum CustomerMatcher {
    public struct Resolution: Sendable, Equatable {
        public var customer: String
        /// The identifier that linked the record to the customer.
        public var linkedBy: CustomerIdentity
        public var created: Bool
        /// Identifiers newly attached to the customer (the linking one first when the customer is new).
        public var attached: [CustomerIdentity]

        public init(customer: String, linkedBy: CustomerIdentity, created: Bool, attached: [CustomerIdentity]) {
            self.customer = customer
            self.linkedBy = linkedBy
            self.created = created
            self.attached = attached
        }
    }

    /// Resolves one record's identifiers against `owners` (identity → customer id), updating it with what is attached,
    /// so later records of a batch see earlier ones. `newID` names a customer created from its first identifier.
    public static func resolve(
        _ identities: [CustomerIdentity], owners: inout [CustomerIdentity: String], newID: (CustomerIdentity) -> String,
        holdsOther: ((String) -> Bool)? = nil
    ) -> Resolution? {
        var seen: Set<CustomerIdentity> = []
        let ordered = identities.sorted().filter { seen.insert($0).inserted }
        guard let first = ordered.first else { return nil }
        var link: CustomerIdentity
        if first.kind == .external {
            link = first
        } else {
            link = ordered.first { owners[$0] != nil } ?? first
        }
        if link.kind == .device, let holdsOther, let owner = owners[link], holdsOther(owner), first.kind != .device {
            link = first
        }
        let existing = owners[link]
        let customer = existing ?? newID(link)
        var attached: [CustomerIdentity] = []
        for identity in ordered where owners[identity] == nil {
            owners[identity] = customer
            attached.append(identity)
        }
        return Resolution(customer: customer, linkedBy: link, created: existing == nil, attached: attached)
    }
}
