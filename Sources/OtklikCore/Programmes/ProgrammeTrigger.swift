import Foundation

/// What starts a programme for a customer (issue 19 item 2). The event triggers come from the change feed; `schedule`
/// and `prediction` are reserved seams (a schedule runner and the churn model's threshold with hysteresis) that a
/// definition may not use yet.
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
    /// A customer found in a life situation (a `life_situation.detected` feed event).
    case lifeSituation = "life_situation"

    /// The triggers a programme can use today.
    public static let supported: [ProgrammeTrigger] = [.detractorAnswer, .promoterAnswer, .complaintOpened, .complaintResolved, .caseOverdue, .lifeSituation]
}
