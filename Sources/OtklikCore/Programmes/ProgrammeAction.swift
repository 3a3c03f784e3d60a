import Foundation

/// What a programme does for a treated customer.
public struct ProgrammeAction: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A task for staff on the customer's case: call the customer back within `withinHours`.
        case callback
        /// A message over the customer's preferred channel (with consent for the purpose on it).
        case message
    }

    public var kind: Kind
    /// How long the action may wait (quiet hours, a frequency cap) before it is skipped as too late.
    public var withinHours: Int
    /// The channels the action may use, in order, after the customer's preferred one (a call-back uses `phone`).
    public var channels: [String]
    /// The message text's key (a message action), looked up in the customer's language.
    public var template: String?

    public init(kind: Kind, withinHours: Int = 24, channels: [String] = ["phone"], template: String? = nil) {
        self.kind = kind
        self.withinHours = withinHours
        self.channels = channels
        self.template = template
    }
}
