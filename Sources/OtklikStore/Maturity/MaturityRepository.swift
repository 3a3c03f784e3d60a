import Foundation
import OtklikCore
import OtklikMetrics

/// Where an assessment came from.
public enum MaturitySource: String, Sendable, Codable {
    case file
    case page
    case demo
}

/// What saving an assessment did.
public enum MaturitySave: Sendable, Equatable {
    /// A new assessment was stored under this id.
    case created(String)
    /// The latest assessment already holds the same scores and notes: nothing written; its id.
    case unchanged(String)

    public var id: String {
        switch self {
        case .created(let id), .unchanged(let id): id
        }
    }
}

/// The CX maturity self-assessments and the dashboard visits standard 3f reads, written once for both engines.
public protocol MaturityRepository: Sendable {
    /// Validates the assessment, then stores it and its item scores in one transaction (all or nothing). When the
    /// latest stored assessment has the same scores and notes (the same content hash), nothing is written: a retry of
    /// the same file creates no second assessment; so does an assessment with the same content and the same taken_at
    /// (a retried file dated before the latest). An older identical one taken at another time does not count, so
    /// scores that went back to an earlier state are recorded.
    func save(_ assessment: MaturityAssessment, source: MaturitySource, now: Date) async throws -> MaturitySave
    /// Every assessment, newest first (by taken_at, then by when it was stored).
    func assessments() async throws -> [MaturityAssessment]
    /// The newest assessment and the one before it.
    func latestTwo() async throws -> (current: MaturityAssessment?, previous: MaturityAssessment?)
    /// Records that a user opened a dashboard page on a day (UTC); a second visit the same day writes nothing new.
    func recordDashboardVisit(username: String, at: Date) async throws
    /// The evidence Otklik holds for 3f, 3h, 4d and 6f at `now`.
    func evidence(now: Date) async throws -> [MaturityEvidence]
}
