import Foundation
import Logging
import OtklikStore
import ServiceLifecycle

/// Applies the retention periods of personal data (``RetentionPolicy``) once an hour, in one server at a time; what
/// it removed is logged and written to the audit log (actor `system`, action `retention`).
public struct RetentionRound: Service {
    let database: any SQLDatabase
    let policy: RetentionPolicy
    let lease: ServiceLease?
    let interval: Duration
    let logger: Logger

    public init(database: any SQLDatabase, policy: RetentionPolicy, lease: ServiceLease?, interval: Duration = .seconds(3600), logger: Logger) {
        self.database = database
        self.policy = policy
        self.lease = lease
        self.interval = interval
        self.logger = logger
    }

    /// One round: applies the policy and audits what it touched; returns the counts.
    @discardableResult
    public static func round(database: any SQLDatabase, policy: RetentionPolicy, now: Date = Date()) async throws -> [String: Int] {
        guard policy.removesAnything else { return [:] }
        let touched = try await SQLRetention(database: database).apply(policy, now: now)
        let removed = touched.filter { $0.value > 0 }
        if !removed.isEmpty {
            try await SQLAuditLog(database: database).record("retention", by: "system", customer: nil, detail: .retention(removed: removed), at: now)
        }
        return touched
    }

    public func run() async throws {
        // Runs (idle) even when nothing is ever removed: a service that returns would stop the server.
        await BackgroundRounds.run(every: interval, lease: lease, logger: logger, failure: "applying the retention periods failed") {
            let touched = try await Self.round(database: database, policy: policy)
            if touched.values.contains(where: { $0 > 0 }) {
                logger.info("retention periods applied", metadata: touched.mapValues { .string("\($0)") })
            }
        }
    }
}
