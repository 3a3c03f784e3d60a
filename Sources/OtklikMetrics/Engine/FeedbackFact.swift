import Foundation
import OtklikCore

/// The analytic projection of one feedback: what the metrics need, nothing personal.
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

    public init(
        ts: Date, channel: Channel, kind: FeedbackKind, location: String? = nil, staff: String? = nil,
        service: String? = nil, nps: Int? = nil, csat: Int? = nil, ces: Int? = nil, button: ButtonPress? = nil
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
    }

    public init(_ feedback: Feedback) {
        self.init(
            ts: feedback.ts, channel: feedback.channel, kind: feedback.kind, location: feedback.location,
            staff: feedback.staff, service: feedback.service, nps: feedback.nps, csat: feedback.csat,
            ces: feedback.ces, button: feedback.button)
    }
}
