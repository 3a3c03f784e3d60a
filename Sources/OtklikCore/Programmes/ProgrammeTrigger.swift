import Foundation

/// What starts a programme for a customer (issue 19 item 2). The event triggers come from the change feed (a definition
/// names them as a string); `schedule` (``ProgrammeSchedule``), `prediction` (``PredictionThreshold``),
/// `service_request_stalled` (``ServiceRequestStall``) and `purchase_pattern` (``PurchasePattern``) are written as an
/// object `{"kind": "schedule", …}`. The schedule, the prediction, the stalled request and the lapsing regular run on the
/// leader server's rounds; a first purchase comes from the feed.
public enum ProgrammeTrigger: String, Sendable, Codable, CaseIterable {
    /// A 0-6 likelihood-to-recommend answer from a known customer.
    case detractorAnswer = "detractor_answer"
    /// A 9-10 likelihood-to-recommend answer from a known customer (a promoter: offer a public review).
    case promoterAnswer = "promoter_answer"
    /// A complaint case opened (its `opened` history line).
    case complaintOpened = "complaint_opened"
    /// A complaint case moved to resolved.
    case complaintResolved = "complaint_resolved"
    /// An open case past its deadline.
    case caseOverdue = "case_overdue"
    /// Every day, week or month at a time in the organisation's zone, over the whole audience.
    case schedule
    /// A customer's score (churn risk, P(alive)) crossing a threshold, with hysteresis; evaluated once a day.
    case prediction
    /// A customer found in a life situation (a `life_situation.detected` feed event).
    case lifeSituation = "life_situation"
    /// A service request still open past its term in working days (``ServiceRequestStall``); evaluated once a day.
    case serviceRequestStalled = "service_request_stalled"
    /// A customer's service request reaching `completed` (``ServiceRequestResolution``), from the feed.
    case serviceRequestResolved = "service_request_resolved"
    /// A pattern in the customer's purchases (``PurchasePattern``): a first purchase (from the feed) or a lapsing
    /// regular (once a day).
    case purchasePattern = "purchase_pattern"

    /// The triggers named by a string in a definition (the feed's events).
    public static let supported: [ProgrammeTrigger] = [
        .detractorAnswer, .promoterAnswer, .complaintOpened, .complaintResolved, .caseOverdue, .lifeSituation, .serviceRequestResolved,
    ]
}

extension ProgrammeTrigger {
    /// Whether the change feed's events trigger it (not a round).
    public var isEvent: Bool { ProgrammeTrigger.supported.contains(self) }
}
