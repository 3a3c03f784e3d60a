import Foundation
import OtklikCore

/// What programmes read that the store cannot compute alone, given by the server: the members of named segments (whose
/// rules may need the churn model or the CLV fit) and a prediction's scores per customer as of now. A score that cannot
/// be computed (too little data) is nil: the day is not evaluated.
public struct ProgrammeSignals: Sendable {
    public var segmentMembers: @Sendable (_ codes: [String], _ now: Date) async throws -> [String: Set<String>]
    public var scores: @Sendable (_ score: PredictionThreshold.Score, _ now: Date) async throws -> [String: Double]?

    public init(
        segmentMembers: @escaping @Sendable (_ codes: [String], _ now: Date) async throws -> [String: Set<String>],
        scores: @escaping @Sendable (_ score: PredictionThreshold.Score, _ now: Date) async throws -> [String: Double]?
    ) {
        self.segmentMembers = segmentMembers
        self.scores = scores
    }

    /// No segments evaluated, no scores: programmes naming segments reach nobody; predictions wait.
    public static let none = ProgrammeSignals(segmentMembers: { _, _ in [:] }, scores: { _, _ in nil })
}
