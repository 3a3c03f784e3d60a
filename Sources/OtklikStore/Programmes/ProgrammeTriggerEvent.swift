import Foundation

/// One trigger event for one customer: its key (`feedback:ID`, `case_resolved:ID`, `case_overdue:ID`; one action per
/// programme and key, one contact per customer and key) and when it happened.
public struct ProgrammeTriggerEvent: Sendable, Equatable {
    public var key: String
    public var customer: String
    public var at: Date

    public init(key: String, customer: String, at: Date) {
        self.key = key
        self.customer = customer
        self.at = at
    }
}
