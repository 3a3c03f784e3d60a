import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// A programme in `/api/v1/programmes` and `otklik programme list --format json`: its definition's main fields, its
/// status, the customers in each arm so far and the minimum detectable effect at the current sizes (before launch: at
/// the trigger's eligible customers of the last outcome window).
public struct ProgrammeSummaryJSON: Encodable, Sendable {
    public struct Count: Encodable, Sendable {
        public var n: Int
    }

    public var code: String
    public var name: String
    public var status: String
    public var statusReason: String?
    public var trigger: String
    public var action: String
    public var outcome: String
    public var outcomeDays: Int
    public var holdoutShare: Double
    public var autoPause: Bool
    public var treated: Count
    public var holdout: Count
    public var mde: Double?
    public var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case code, name, status, statusReason = "status_reason", trigger, action, outcome, outcomeDays = "outcome_days"
        case holdoutShare = "holdout_share", autoPause = "auto_pause", treated, holdout, mde, createdAt = "created_at"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(name, forKey: .name)
        try container.encode(status, forKey: .status)
        try container.encode(statusReason, forKey: .statusReason)
        try container.encode(trigger, forKey: .trigger)
        try container.encode(action, forKey: .action)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(outcomeDays, forKey: .outcomeDays)
        try container.encode(holdoutShare, forKey: .holdoutShare)
        try container.encode(autoPause, forKey: .autoPause)
        try container.encode(treated, forKey: .treated)
        try container.encode(holdout, forKey: .holdout)
        try container.encode(mde, forKey: .mde)
        try container.encode(createdAt, forKey: .createdAt)
    }

    /// The summary with the MDE: at the current sizes once both arms have two customers, else before launch.
    public static func make(_ stored: StoredProgramme, repository: SQLProgrammeRepository, now: Date = Date()) async throws -> ProgrammeSummaryJSON {
        let programme = stored.programme
        let metric = ProgrammeReport.metric(programme.outcome)
        var mde: Double?
        if stored.treated >= 2 && stored.holdout >= 2 {
            mde = try await repository.report(code: programme.code, now: now).mde
        }
        if mde == nil {
            let eligible = max(stored.treated + stored.holdout, try await repository.eligibleEstimate(programme, now: now))
            mde = ProgrammeMDE.beforeLaunch(metric: metric, eligible: eligible, holdoutShare: programme.holdoutShare)
        }
        return ProgrammeSummaryJSON(
            code: programme.code, name: programme.name, status: programme.status.rawValue, statusReason: stored.statusReason,
            trigger: programme.trigger.rawValue, action: programme.action.kind.rawValue, outcome: programme.outcome.rawValue,
            outcomeDays: programme.outcomeDays, holdoutShare: programme.holdoutShare, autoPause: programme.autoPause,
            treated: Count(n: stored.treated), holdout: Count(n: stored.holdout), mde: mde, createdAt: stored.createdAt)
    }
}
