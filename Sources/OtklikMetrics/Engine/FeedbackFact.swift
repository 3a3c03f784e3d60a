import Foundation
import OtklikCore

/// The analytic projection of one feedback: what the metrics need, and the pseudonymous customer id a segment slice
/// selects by (no contact, no comment).
public struct FeedbackFact: Sendable, Equatable {
    public var ts: Date
    public var channel: Channel
    public var kind: FeedbackKind
    public var location: String?
    public var staff: String?
    public var service: String?
    public var nps: Int?
    public var csat: Int?
    public var ces: Int?
    public var button: ButtonPress?
    /// The customer the record is linked to (the store's `customer_id`), for slices by segment; nil when anonymous.
    public var customer: String?

    public init(
        ts: Date, channel: Channel, kind: FeedbackKind, location: String? = nil, staff: String? = nil,
        service: String? = nil, nps: Int? = nil, csat: Int? = nil, ces: Int? = nil, button: ButtonPress? = nil,
        customer: String? = nil
    ) {
        self.ts = ts
        self.channel = channel
        self.kind = kind
        self.location = location
        self.staff = staff
        self.service = service
        self.nps = nps
        self.csat = csat
        self.ces = ces
        self.button = button
        self.customer = customer
    }

    public init(_ feedback: Feedback) {
        self.init(
            ts: feedback.ts, channel: feedback.channel, kind: feedback.kind, location: feedback.location,
            staff: feedback.staff, service: feedback.service, nps: feedback.nps, csat: feedback.csat,
            ces: feedback.ces, button: feedback.button, customer: feedback.customer)
    }
}
