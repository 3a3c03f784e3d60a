/// The kinds of identifier that name a customer, in the order the resolver trusts them: the client's own customer id
/// first, then a loyalty card, a phone, an e-mail address and a device.
public enum IdentityKind: String, Sendable, Codable, CaseIterable, Comparable {
    case external
    case loyaltyCard = "loyalty_card"
    case phone
    case email
    case device

    /// Lower ranks win when a record carries identifiers of several customers.
    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    public static func < (lhs: IdentityKind, rhs: IdentityKind) -> Bool { lhs.rank < rhs.rank }
}
