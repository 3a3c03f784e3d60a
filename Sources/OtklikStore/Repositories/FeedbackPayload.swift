import Foundation
import OtklikCore

/// A feedback record as a `feedback.received` webhook event carries it: everything but the contact
/// (a phone or an address stays in Otklik; `has_contact` says there is one, the case carries the follow-up).
struct FeedbackPayload: Encodable {
    var id: String
    var ts: Date
    var channel: Channel
    var kind: FeedbackKind
    var location: String?
    var staff: String?
    var service: String?
    var device: String?
    var customer: String?
    var interaction: String?
    var nps: Int?
    var csat: Int?
    var ces: Int?
    var button: ButtonPress?
    var reasons: [String]
    var comment: String?
    var lang: String?
    var hasContact: Bool

    init(_ feedback: Feedback) {
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
