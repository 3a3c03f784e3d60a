import Foundation

/// One piece of customer voice, bound to a place, a person, a service and a moment.
public struct Feedback: Sendable, Codable, Equatable {
    /// Client-generated id: a retried write with the same id never duplicates.
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
    /// Net Promoter answer, 0-10.
    public var nps: Int?
    /// Satisfaction, 1-5.
    public var csat: Int?
    /// Customer Effort Score 2.0, 1-7 agree scale (high = easy).
    public var ces: Int?
    public var button: ButtonPress?
    public var reasons: [String]
    public var comment: String?
    public var contact: String?
    /// `ru` or `en`; detected from the comment when absent.
    public var lang: String?

    public init(
        id: String, ts: Date, channel: Channel, kind: FeedbackKind,
        location: String? = nil, staff: String? = nil, service: String? = nil,
        device: String? = nil, customer: String? = nil, interaction: String? = nil,
        nps: Int? = nil, csat: Int? = nil, ces: Int? = nil, button: ButtonPress? = nil,
        reasons: [String] = [], comment: String? = nil, contact: String? = nil, lang: String? = nil
    ) {
        self.id = id
        self.ts = ts
        self.channel = channel
        self.kind = kind
        self.location = location
        self.staff = staff
        self.service = service
        self.device = device
        self.customer = customer
        self.interaction = interaction
        self.nps = nps
        self.csat = csat
        self.ces = ces
        self.button = button
        self.reasons = reasons
        self.comment = comment
        self.contact = contact
        self.lang = lang
    }
}
