import Foundation
import Logging
import OtklikCore
import OtklikMetrics
import OtklikStore
import ServiceLifecycle

/// What runs the programmes on a server (issue 19 items 2-3): the `programmes` durable feed consumer (detractor answers
/// trigger the `detractor_answer` programmes, trailing the case-opening consumer so that the complaint case exists; case
/// history lines trigger the case programmes: complaint resolved, case past its deadline), and a round every
/// `interval` under one lease (so only the leader server runs it): the scheduled programmes' latest occurrence not run yet
/// (once, however many periods a downtime missed), the prediction programmes' daily evaluation with hysteresis, the
/// stalled service requests' and lapsing regulars' daily evaluation (a first purchase comes from the feed), the
/// waits whose time has come, and the reports of the programmes with `auto_pause` (a significantly harmful one pauses
/// itself).
public struct ProgrammeRunner: Sendable {
    public static let consumerName = "programmes"
    /// The consumer it trails.
    public static let leader = "case-opening"

    let database: AppDatabase
    let signals: ProgrammeSignals

    public init(database: AppDatabase, signals: ProgrammeSignals = .none) {
        self.database = database
        self.signals = signals
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
                consumer: Self.consumerName, following: Self.leader, limit: 100, organisationZone: try await runner.organisationZone(),
                segmentMembers: try await runner.eventSegmentMembers()
            ).caughtUp
        }
    }

    /// The members of the segments the active event programmes name (none evaluated when no programme names one).
    func eventSegmentMembers(now: Date = Date()) async throws -> [String: Set<String>] {
        let codes = try await database.programmes.programmes()
            .filter { $0.programme.status == .active && $0.programme.runsOnFeed }.flatMap(\.programme.segments)
        return codes.isEmpty ? [:] : try await signals.segmentMembers(Array(Set(codes)).sorted(), now)
    }

    /// One round: the schedules' and predictions' occurrences due, due waits, auto-pause. Returns the programmes paused
    /// for harm.
    @discardableResult
    public func round(now: Date = Date()) async throws -> [String] {
        let zone = try await organisationZone()
        let programmes = database.programmes
        try await runScheduled(zone: zone, now: now)
        try await programmes.actDue(organisationZone: zone, now: now)
        var paused: [String] = []
        for stored in try await programmes.programmes() where stored.programme.autoPause && stored.programme.status == .active {
            if try await programmes.report(code: stored.programme.code, now: now).harmful { paused.append(stored.programme.code) }
        }
        return paused
    }

    /// Runs each active scheduled programme's latest occurrence at or before now, if it came after the programme was
    /// created and has not run; evaluates each active prediction, stalled-request and lapse programme once per day of the
    /// organisation's calendar.
    /// Returns the programmes that ran, with the customers triggered.
    @discardableResult
    public func runScheduled(zone: TimeZone? = nil, now: Date = Date()) async throws -> [String: Int] {
        let zone = if let zone { zone } else { try await organisationZone() }
        let programmes = database.programmes
        var ran: [String: Int] = [:]
        for stored in try await programmes.programmes() where stored.programme.status == .active {
            let programme = stored.programme
            if let schedule = programme.schedule {
                let occurrence = schedule.latestOccurrence(atOrBefore: now, zone: zone)
                guard occurrence >= stored.createdAt else { continue }
                let key = schedule.occurrenceKey(occurrence, zone: zone)
                if try await programmes.hasRun(programme: programme.code, occurrence: key) { continue }
                let members = programme.segments.isEmpty ? [:] : try await signals.segmentMembers(programme.segments, now)
                if let count = try await programmes.runOccurrence(
                    programme, occurrence: key, candidates: try await programmes.roundCandidates(), segmentMembers: members,
                    organisationZone: zone, now: now)
                {
                    ran[programme.code] = count
                }
            } else if let threshold = programme.prediction {
                let day = CivilDate.iso(Int(LocalCalendar.day(of: now, in: zone)))
                if try await programmes.hasRun(programme: programme.code, occurrence: "day:" + day) { continue }
                guard let scores = try await signals.scores(threshold.score, now) else { continue }
                let members = programme.segments.isEmpty ? [:] : try await signals.segmentMembers(programme.segments, now)
                if let count = try await programmes.evaluatePrediction(
                    programme, day: day, scores: scores, segmentMembers: members, organisationZone: zone, now: now)
                {
                    ran[programme.code] = count
                }
            } else if programme.stall != nil || programme.purchasePattern?.pattern == .overdueRepeat {
                // A stalled request and a lapsing regular become true as days pass, not with a feed event: once a day.
                let today = Int(LocalCalendar.day(of: now, in: zone))
                if try await programmes.hasRun(programme: programme.code, occurrence: "day:" + CivilDate.iso(today)) { continue }
                let members = programme.segments.isEmpty ? [:] : try await signals.segmentMembers(programme.segments, now)
                let count: Int?
                if programme.stall != nil {
                    count = try await programmes.evaluateStalledRequests(
                        programme, day: today, createdAt: stored.createdAt, segmentMembers: members, organisationZone: zone, now: now)
                } else {
                    count = try await programmes.evaluateLapses(programme, day: today, segmentMembers: members, organisationZone: zone, now: now)
                }
                if let count { ran[programme.code] = count }
            }
        }
        return ran
    }
}
