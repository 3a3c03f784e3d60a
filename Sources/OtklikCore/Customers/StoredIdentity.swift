import Foundation

/// An identity as stored: the identifier, where it was first seen (the table or import that brought it) and when.
public struct StoredIdentity: Sendable, Equatable {
    public var identity: CustomerIdentity
    public var source: String
    public var firstSeenAt: Date

    public init(identity: CustomerIdentity, source: String, firstSeenAt: Date) {
        self.identity = identity
        self.source = source
        self.firstSeenAt = firstSeenAt
    }
}
