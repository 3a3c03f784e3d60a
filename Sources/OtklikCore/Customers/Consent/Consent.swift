import Foundation

/// A consent as a record: for one purpose over one channel, where it came from, when it was given, until when, and
/// when it was withdrawn. It is in force at a moment when given before it, not expired and not withdrawn by then.
public struct Consent: Sendable, Equatable {
    public var id: String
    public var customer: String
    public var purpose: ConsentPurpose
    public var channel: String
    public var source: String
    public var givenAt: Date
    public var expiresAt: Date?
    public var withdrawnAt: Date?

    public init(
        id: String, customer: String, purpose: ConsentPurpose, channel: String, source: String, givenAt: Date, expiresAt: Date? = nil,
        withdrawnAt: Date? = nil
    ) {
        self.id = id
        self.customer = customer
        self.purpose = purpose
        self.channel = channel
        self.source = source
        self.givenAt = givenAt
        self.expiresAt = expiresAt
        self.withdrawnAt = withdrawnAt
    }

    public func inForce(at moment: Date) -> Bool {
        givenAt <= moment && (expiresAt.map { moment < $0 } ?? true) && (withdrawnAt.map { moment < $0 } ?? true)
    }
}
