import Foundation

/// What a programme does for a treated customer.
public struct ProgrammeAction: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A task for staff on the customer's open case: call the customer back within `withinHours`. (Messages,
        /// survey invitations and webhooks as actions are not built yet: docs/not-yet.md.)
        case callback
    }

    public var kind: Kind
    /// How long the action may wait (quiet hours, a frequency cap) before it is skipped as too late.
    public var withinHours: Int
    /// The channels the action may use, in order, after the customer's preferred one (a call-back uses `phone`).
    public var channels: [String]

    public init(kind: Kind, withinHours: Int = 24, channels: [String] = ["phone"]) {
        self.kind = kind
        self.withinHours = withinHours
        self.channels = channels
    }
}
