import Foundation
import Logging
import OtklikCore
import OtklikStore
import ServiceLifecycle

/// What runs the programmes on a server (issue 19 items 2-3): the `programmes` durable feed consumer (detractor answers
/// trigger the `detractor_answer` programmes, trailing the case-opening consumer so that the complaint case exists; case
/// history lines trigger the case programmes: complaint resolved, case past its deadline), and a round every
/// `interval` under one lease: the waits whose time has come, and the reports of the programmes with `auto_pause` (a significantly harmful one pauses
/// itself). Schedules and prediction thresholds with hysteresis are a seam not built yet.
public struct ProgrammeRunner: Sendable {
    public static let consumerName = "programmes"
    /// The consumer it trails.
    public static let leader = "case-opening"

    let database: AppDatabase

    public init(database: AppDatabase) {
        self.database = database
    }

    func organisationZone() async throws -> TimeZone {
        TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
    }

    /// The durable feed consumer (under `lease`: one server at a time follows the feed for it).
    public func consumer(lease: ServiceLease?, logger: Logger) -> DurableFeedConsumer {
        let database = database
        let runner = self
        return DurableFeedConsumer(name: Self.consumerName, database: database, lease: lease, logger: logger) {
            try await database.programmes.triggerFromFeed(
                consumer: Self.consumerName, following: Self.leader, limit: 100, organisationZone: try await runner.organisationZone()
            ).caughtUp
        }
    }

    /// One round: due waits, auto-pause. Returns the programmes paused for harm.
    @discardableResult
    public func round(now: Date = Date()) async throws -> [String] {
        let zone = try await organisationZone()
        let programmes = database.programmes
        try await programmes.actDue(organisationZone: zone, now: now)
        var paused: [String] = []
        for stored in try await programmes.programmes() where stored.programme.autoPause && stored.programme.status == .active {
            if try await programmes.report(code: stored.programme.code, now: now).harmful { paused.append(stored.programme.code) }
        }
        return paused
    }
}
