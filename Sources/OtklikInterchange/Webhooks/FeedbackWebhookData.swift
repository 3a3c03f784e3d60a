import Foundation
import OtklikCore

/// A feedback record as a `feedback.received` webhook event carries it (its `data`): everything but the contact
/// (a phone or an address stays in Otklik; `has_contact` says there is one, the case carries the follow-up).
public struct FeedbackWebhookData: Encodable, Sendable {
    public var id: String
    public var ts: Date
    public var channel: Channel
    public var kind: FeedbackKind
    public var location: String?
    public var staff: String?
    public var service: String?
    public var device: String?
    public var customer: String?
    public var interaction: String?
    public var nps: Int?
    public var csat: Int?
    public var ces: Int?
    public var button: ButtonPress?
    public var reasons: [String]
    public var comment: String?
    public var lang: String?
    public var hasContact: Bool

    public init(_ feedback: Feedback) {
        (id, ts, channel, kind) = (feedback.id, feedback.ts, feedback.channel, feedback.kind)
        (location, staff, service, device) = (feedback.location, feedback.staff, feedback.service, feedback.device)
        (customer, interaction) = (feedback.customer, feedback.interaction)
        (nps, csat, ces, button) = (feedback.nps, feedback.csat, feedback.ces, feedback.button)
        (reasons, comment, lang) = (feedback.reasons, feedback.comment, feedback.lang)
        hasContact = !(feedback.contact ?? "").isEmpty
    }

    enum CodingKeys: String, CodingKey {
        case id, ts, channel, kind, location, staff, service, device, customer, interaction, nps, csat, ces, button, reasons, comment, lang
        case hasContact = "has_contact"
    }
}
