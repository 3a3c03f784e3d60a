/// The kinds of identifier that name a customer, in the order the resolver trusts them: the client's own customer id
/// first, then a loyalty card, a phone, an e-mail address and a device.
public enum IdentityKind: String, Sendable, Codable, CaseIterable, Comparable {
    case external
    case loyaltyCard = "loyalty_card"
    case phone
    case email
    case device

    /// Lower ranks win when a record carries identifiers of several customers.
    /// (The cases' order; a `switch`, since `allCases` builds an array on every call and the resolver sorts by it.)
    public var rank: Int {
        switch self {
        case .external: 0
        case .loyaltyCard: 1
        case .phone: 2
        case .email: 3
        case .device: 4
        }
    }

    public static func < (lhs: IdentityKind, rhs: IdentityKind) -> Bool { lhs.rank < rhs.rank }
}
