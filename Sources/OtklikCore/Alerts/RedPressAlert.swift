import Foundation

/// A negative press or rating left without a contact (seed 002's red button): the location's duty staff are alerted at
/// once, acknowledge it when they go to the customer, and close it by recording what they did and how it ended.
/// One alert per feedback, whatever the number of retries that delivered it.
public struct RedPressAlert: Sendable, Codable, Equatable {
    public var id: String
    public var feedbackId: String
    public var location: String
    /// The staff member the press or rating is about, when the device or form names one.
    public var staff: String?
    /// The service-standard event it calls for: `negative_press` or `low_score`.
    public var event: String
    /// What was pressed or given: `button negative`, `nps 3`, `csat 1`.
    public var rating: String
    public var openedAt: Date
    public var acknowledgedAt: Date?
    public var acknowledgedBy: String?
    public var closedAt: Date?
    public var closedBy: String?
    /// What staff did, in their words.
    public var action: String?
    public var outcome: AlertOutcome?

    public init(
        id: String, feedbackId: String, location: String, staff: String? = nil, event: String, rating: String, openedAt: Date,
        acknowledgedAt: Date? = nil, acknowledgedBy: String? = nil, closedAt: Date? = nil, closedBy: String? = nil,
        action: String? = nil, outcome: AlertOutcome? = nil
    ) {
        self.id = id
        self.feedbackId = feedbackId
        self.location = location
        self.staff = staff
        self.event = event
        self.rating = rating
        self.openedAt = openedAt
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.action = action
        self.outcome = outcome
    }

    enum CodingKeys: String, CodingKey {
        case id, feedbackId = "feedback_id", location, staff, event, rating, openedAt = "opened_at", acknowledgedAt = "acknowledged_at",
            acknowledgedBy = "acknowledged_by", closedAt = "closed_at", closedBy = "closed_by", action, outcome
    }

    /// `open`, `acknowledged` or `closed`.
    public var status: String { closedAt != nil ? "closed" : acknowledgedAt != nil ? "acknowledged" : "open" }

    /// Seconds from the alert's opening (the press reaching the server) to the first reaction (acknowledged, or closed when nobody acknowledged first).
    public var reactionSeconds: Double? { (acknowledgedAt ?? closedAt).map { $0.timeIntervalSince(openedAt) } }

    /// Most characters of the recorded action.
    public static let maxActionLength = 2_000

    /// How old a press may be when it arrives and still alert staff, seconds: a console that was offline longer, or an
    /// import of past feedback, alerts nobody (the customer has left).
    public static let maxAge: TimeInterval = 3_600

    /// Whether a feedback opens an alert: a location is known, nobody left a contact (a contact opens a case instead),
    /// it happened within ``maxAge`` of `now`, and it is the lowest button of a console, an NPS of 0-6 or a CSAT of 1-2.
    public static func opens(for feedback: Feedback, now: Date) -> Bool {
        guard feedback.location != nil, (feedback.contact ?? "").isEmpty, now.timeIntervalSince(feedback.ts) <= maxAge else { return false }
        return event(for: feedback) != nil
    }

    /// The service-standard event of a feedback that opens an alert.
    public static func event(for feedback: Feedback) -> String? {
        if feedback.button == .negative { return "negative_press" }
        if let nps = feedback.nps, nps <= 6 { return "low_score" }
        if let csat = feedback.csat, csat <= 2 { return "low_score" }
        return nil
    }

    /// What was pressed or given, in a few words for the staff page.
    public static func rating(for feedback: Feedback) -> String {
        if let button = feedback.button { return "button \(button.rawValue)" }
        if let nps = feedback.nps { return "nps \(nps)" }
        if let csat = feedback.csat { return "csat \(csat)" }
        return "-"
    }
}
