/// A customer: anonymous feedback has none; an identified one has at least one identity.
public struct Customer: Sendable, Codable, Equatable {
    public var id: String
    public var phone: String?
    public var email: String?
    public var externalId: String?
    /// Whether the customer agreed to be contacted.
    public var consent: Bool

    public init(id: String, phone: String? = nil, email: String? = nil, externalId: String? = nil, consent: Bool = false) {
        self.id = id
        self.phone = phone
        self.email = email
        self.externalId = externalId
        self.consent = consent
    }
}
