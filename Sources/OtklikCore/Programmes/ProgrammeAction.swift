import Foundation

/// What a programme does for a treated customer (issue 19 item 2): a call-back task for staff, a message over the
/// preferred channel, a survey invitation, or a webhook event for another system.
public struct ProgrammeAction: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// A task for staff on the customer's open case: call the customer back within `withinHours`.
        case callback
        /// A message from `template`, in the customer's language, over the first usable channel (the preferred one,
        /// then `channels`), queued for delivery (e-mail over SMTP, SMS through the gateway) with retries.
        case message
        /// An invitation to the survey `survey`, through the survey outbox, unless the survey's fatigue rule forbids it.
        case survey
        /// A `programme.action` webhook event naming the customer by id (never a contact) for another system to act
        /// on over the first usable channel.
        case webhook
    }

    public var kind: Kind
    /// How long the action may wait (quiet hours, a frequency cap) before it is skipped as too late.
    public var withinHours: Int
    /// The channels the action may use, in order, after the customer's preferred one (a call-back uses `phone`).
    public var channels: [String]
    /// The message's text in Russian and English (kind `message` only).
    public var template: ProgrammeMessageTemplate?
    /// The survey's code (kind `survey` only).
    public var survey: String?
    /// Where to leave a public review, by location code (`*`: the organisation's), for a message with `{review_link}`.
    public var reviewLinks: [String: String]

    public init(kind: Kind, withinHours: Int = 24, channels: [String]? = nil, template: ProgrammeMessageTemplate? = nil, survey: String? = nil,
        reviewLinks: [String: String] = [:]
    ) {
        self.kind = kind
        self.withinHours = withinHours
        self.channels = channels ?? Self.defaultChannels(kind)
        self.template = template
        self.survey = survey
        self.reviewLinks = reviewLinks
    }

    /// The review link for a location: its own, else the organisation's (`*`).
    public func reviewLink(location: String?) -> String? {
        location.flatMap { reviewLinks[$0] } ?? reviewLinks["*"]
    }

    /// The channels when a definition names none: `phone` for a call-back and a webhook (the other system calls),
    /// e-mail then SMS for a message and a survey invitation.
    public static func defaultChannels(_ kind: Kind) -> [String] {
        switch kind {
        case .callback, .webhook: ["phone"]
        case .message, .survey: ["email", "sms"]
        }
    }
}
