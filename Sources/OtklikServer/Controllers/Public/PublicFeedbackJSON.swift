import Foundation
import OtklikCore

/// One answer from the kiosk or the QR form. The browser makes the id (so a queued answer sent twice is
/// stored once) and stamps the moment the customer answered.
struct PublicFeedbackJSON: Codable, Sendable {
    var id: String
    var ts: String
    var channel: String
    var location: String
    var staff: String?
    var service: String?
    var csat: Int?
    var reasons: [String]?
    var comment: String?
    var contact: String?
    var consent: Bool?
    var lang: String?

    /// The oldest answer a kiosk may still deliver from its queue.
    static let maxAge: TimeInterval = 30 * 86_400

    /// The feedback it is: with a contact (and consent) a complaint when the rating is 1-3, otherwise
    /// informative feedback that asks for a call back (praise); without a contact, informative feedback.
    func feedback(now: Date) throws(OtklikError) -> Feedback {
        guard let time = Timestamp.parse(ts) else { throw .invalid("ts", "ts must be an ISO-8601 time") }
        guard now.timeIntervalSince(time) <= Self.maxAge else { throw .invalid("ts", "an answer older than 30 days is not accepted") }
        guard let channel = Channel(rawValue: channel), channel == .terminal || channel == .qrWeb else {
            throw .invalid("channel", "channel must be terminal or qr_web")
        }
        guard let csat else { throw .invalid("csat", "choose a rating from 1 to 5") }
        let trimmedContact = contact?.trimmingCharacters(in: .whitespacesAndNewlines)
        let hasContact = !(trimmedContact ?? "").isEmpty
        if hasContact && consent != true {
            throw .invalid("consent", "to leave a contact, agree that we may use it to contact you about this feedback")
        }
        let prefix = channel == .terminal ? "kiosk-" : "qr-"
        let comment = self.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        let feedback = Feedback(
            id: id.hasPrefix(prefix) ? id : prefix + id, ts: time, channel: channel, kind: hasContact && csat <= 3 ? .complaint : .informative,
            location: location, staff: staff, service: service, csat: csat, reasons: reasons ?? [],
            comment: (comment ?? "").isEmpty ? nil : comment, contact: hasContact ? trimmedContact : nil, lang: lang)
        try feedback.validate(now: now)
        return feedback
    }
}
