import Foundation

/// One contact with a customer in the shared contact ledger: a programme's message or call-back, a survey invitation,
/// a staff call. Every contact counts against the frequency cap, whatever its channel or source.
public struct ContactRecord: Sendable, Equatable {
    public var customer: String
    public var channel: String
    public var purpose: ConsentPurpose
    /// `programme:CODE`, `survey:CODE` or `staff`.
    public var source: String
    public var at: Date

    public init(customer: String, channel: String, purpose: ConsentPurpose, source: String, at: Date) {
        self.customer = customer
        self.channel = channel
        self.purpose = purpose
        self.source = source
        self.at = at
    }
}
