import Foundation
import Logging
import OtklikCore
import OtklikStore
import ServiceLifecycle

/// Runs beside the HTTP server: every `interval` it warns about cases near their deadline and records and
/// escalates the breached ones (each step an event, a history line and a webhook), and finds problems.
public struct CaseSupervisor: ServiceLifecycle.Service {
    let cases: any CaseRepository
    let problems: any ProblemRepository
    let rule: ProblemRule
    let schedule: CaseScheduleSource
    let interval: Duration
    let logger: Logger
    /// Taken before each round when several servers may share the database.
    var lease: ServiceLease? = nil

    public init(
        cases: any CaseRepository, problems: any ProblemRepository, rule: ProblemRule, schedule: CaseScheduleSource, interval: Duration,
        logger: Logger, lease: ServiceLease? = nil
    ) {
        self.cases = cases
        self.problems = problems
        self.rule = rule
        self.schedule = schedule
        self.interval = interval
        self.logger = logger
        self.lease = lease
    }

    public func run() async throws {
        await BackgroundRounds.run(every: interval, lease: lease, logger: logger, failure: "case supervision failed") {
            let changed = try await cases.supervise(now: Date(), schedule: try await schedule.current())
            if !changed.isEmpty { logger.info("cases supervised", metadata: ["changed": "\(changed.count)"]) }
            let opened = try await problems.detect(rule, now: Date())
            for problem in opened {
                logger.notice("problem opened", metadata: ["problem": "\(problem.id)", "location": "\(problem.location)", "theme": "\(problem.theme)"])
            }
        }
    }
}
