import Foundation

/// A customer: who Otklik knows across records, with the identifiers that name them.
public struct Customer: Sendable, Equatable {
    public var id: String
    public var createdAt: Date
    public var displayName: String?
    public var lang: String?
    public var erased: Bool
    public var identities: [StoredIdentity]

    public init(id: String, createdAt: Date, displayName: String? = nil, lang: String? = nil, erased: Bool = false, identities: [StoredIdentity] = []) {
        self.id = id
        self.createdAt = createdAt
        self.displayName = displayName
        self.lang = lang
        self.erased = erased
        self.identities = identities
    }
}
