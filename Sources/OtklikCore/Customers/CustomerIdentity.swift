/// One normalised identifier of a customer: a kind and a value (`phone`, `+79123456789`).
public struct CustomerIdentity: Sendable, Hashable, Codable, Comparable {
    public var kind: IdentityKind
    public var value: String

    public init(kind: IdentityKind, value: String) {
        self.kind = kind
        self.value = value
    }

    /// By the resolver's trust (kind), then by value.
    public static func < (lhs: CustomerIdentity, rhs: CustomerIdentity) -> Bool {
        (lhs.kind.rank, lhs.value) < (rhs.kind.rank, rhs.value)
    }
}
