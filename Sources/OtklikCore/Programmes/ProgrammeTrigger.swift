import Foundation

/// What starts a programme for a customer (issue 19 item 2). The event triggers come from the change feed (a definition
/// names them as a string); `schedule` (``ProgrammeSchedule``) and `prediction` (``PredictionThreshold``) are written as
/// an object `{"kind": "schedule", …}` and run on the leader server's rounds.
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

    /// The triggers named by a string in a definition (the feed's events).
    public static let supported: [ProgrammeTrigger] = [
        .detractorAnswer, .promoterAnswer, .complaintOpened, .complaintResolved, .caseOverdue, .lifeSituation,
    ]
}

extension ProgrammeTrigger {
    /// Whether the change feed's events trigger it (not a round).
    public var isEvent: Bool { ProgrammeTrigger.supported.contains(self) }
}
