import Foundation
import OtklikCore
import OtklikText

/// Feedback as the API reads and writes it (field names as in the CSV format).
struct FeedbackJSON: Codable, Sendable {
    var id: String
    /// ISO-8601; the server's time when absent.
    var ts: String?
    var channel: String
    /// Inferred when absent: a button press is `impulse`, a contact makes a `complaint`, else `informative`.
    var kind: String?
    var location: String?
    var staff: String?
    var service: String?
    var device: String?
    var customer: String?
    var interaction: String?
    var nps: Int?
    var csat: Int?
    var ces: Int?
    var button: String?
    var reasons: [String]?
    var comment: String?
    var contact: String?
    var lang: String?
    /// Read only: the stored analysis of the comment (language, sentiment, themes); ignored on writes.
    var analysis: CommentAnalysisJSON?

    init(_ feedback: Feedback, analysis: TextAnalysis? = nil) {
        self.analysis = analysis.map(CommentAnalysisJSON.init)
        id = feedback.id
        ts = Timestamp.format(feedback.ts)
        channel = feedback.channel.rawValue
        kind = feedback.kind.rawValue
        location = feedback.location
        staff = feedback.staff
        service = feedback.service
        device = feedback.device
        customer = feedback.customer
        interaction = feedback.interaction
        nps = feedback.nps
        csat = feedback.csat
        ces = feedback.ces
        button = feedback.button?.rawValue
        reasons = feedback.reasons
        comment = feedback.comment
        contact = feedback.contact
        lang = feedback.lang
    }

    /// The domain value; an unknown enum value or a bad time names its field.
    func feedback(now: Date) throws(OtklikError) -> Feedback {
        guard let channel = Channel(rawValue: channel) else {
            throw .invalid("channel", "unknown channel '\(channel)'; use one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var date = now
        if let ts {
            guard let parsed = Timestamp.parse(ts) else { throw .invalid("ts", "ts must be an ISO-8601 time such as 2026-03-02T09:15:00Z") }
            date = parsed
        }
        var press: ButtonPress?
        if let button {
            guard let value = ButtonPress(rawValue: button) else { throw .invalid("button", "button must be positive, neutral or negative") }
            press = value
        }
        let resolvedKind: FeedbackKind
        if let kind {
            guard let value = FeedbackKind(rawValue: kind) else {
                throw .invalid("kind", "unknown kind '\(kind)'; use one of \(FeedbackKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            resolvedKind = value
        } else {
            resolvedKind = press != nil && nps == nil && csat == nil && ces == nil && contact == nil
                ? .impulse : (contact != nil ? .complaint : .informative)
        }
        return Feedback(
            id: id, ts: date, channel: channel, kind: resolvedKind, location: location, staff: staff, service: service,
            device: device, customer: customer, interaction: interaction, nps: nps, csat: csat, ces: ces, button: press,
            reasons: reasons ?? [], comment: comment, contact: contact, lang: lang)
    }
}

/// A comment's stored analysis as the API shows it.
struct CommentAnalysisJSON: Codable, Sendable {
    var lang: String?
    var mixed: Bool
    var label: String
    var score: Double
    var themes: [String]

    init(_ analysis: TextAnalysis) {
        lang = analysis.lang
        mixed = analysis.mixed
        label = analysis.label.rawValue
        score = (analysis.score * 1000).rounded() / 1000
        themes = analysis.themes
    }
}

/// A write of one item or a batch: `{"items": [...]}` or a single object.
struct FeedbackBatchJSON: Decodable {
    var items: [FeedbackJSON]

    enum CodingKeys: String, CodingKey { case items }

    init(items: [FeedbackJSON]) { self.items = items }

    init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self), container.contains(.items) {
            items = try container.decode([FeedbackJSON].self, forKey: .items)
        } else {
            items = [try FeedbackJSON(from: decoder)]
        }
    }
}
