import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// The closing-the-loop reports (SLA attainment, times to respond and resolve, reopen and recovery rates,
/// backlog) for the metrics API and CLI: `metric`, `by` (also `team`, the owner's, and `priority`), `from`, `to`
/// (opening time), `location`, `min_n`.
public struct CaseReports: Sendable {
    let database: AppDatabase
    let schedule: CaseScheduleSource
    /// Set by ``sharingReads()``: what the reports have read, reused by the next.
    private let shared: SharedCaseReads?

    public init(database: AppDatabase, schedule: CaseScheduleSource) {
        self.database = database
        self.schedule = schedule
        shared = nil
    }

    private init(_ reports: CaseReports, shared: SharedCaseReads) {
        database = reports.database
        schedule = reports.schedule
        self.shared = shared
    }

    /// A copy whose reports read the business clock, the regions and teams and the cases of each distinct period and
    /// set of locations once, and reuse them (``SharedCaseReads``): for one page or one monthly report, which ask
    /// dozens of reports of the same cases. It does not see cases written after its first read: make one per page.
    public func sharingReads() -> CaseReports {
        CaseReports(self, shared: SharedCaseReads())
    }

    public func report(_ metric: CaseMetric, parameters: [String: String], minimumN fallback: Int, now: Date = Date()) async throws -> MetricReport {
        let context: SharedCaseReads.Context
        if let shared { context = try await shared.context(readContext) } else { context = try await readContext() }
        let query = try ProcessQuery(parameters: parameters.filter { $0.key != "by" }, timeZone: context.clock.timeZone)
        let dimensions = (parameters["by"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard dimensions.count <= 2 else { throw OtklikError.invalid("by", "at most two dimensions") }
        let selection = SharedCaseReads.Selection(from: query.from, to: query.to, locations: query.filter.locations)
        let read = { try await database.cases.facts(from: selection.from, to: selection.to, locations: selection.locations) }
        let facts: [CaseFact]
        if let shared { facts = try await shared.facts(selection, read) } else { facts = try await read() }
        return try CaseReporter(clock: context.clock, regionOfLocation: context.regionOfLocation, teamOfStaff: context.teamOfStaff)
            .report(metric, facts, by: dimensions, now: now, minimumN: query.minimumN ?? fallback)
    }

    /// The business clock, each location's region and each staff member's team.
    private func readContext() async throws -> SharedCaseReads.Context {
        let clock = try await schedule.current().clock
        var regions: [String: String] = [:]
        for location in try await database.reference.locations() { regions[location.code] = location.region }
        var teams: [String: String] = [:]
        for staff in try await database.reference.staff() { teams[staff.code] = staff.team }
        return SharedCaseReads.Context(clock: clock, regionOfLocation: regions, teamOfStaff: teams)
    }

    /// When the last case was opened (at `locations`, every location when empty); nil when there is none.
    public func lastOpened(locations: Set<String>) async throws -> Date? {
        try await database.cases.facts(from: nil, to: nil, locations: locations).map(\.openedAt).max()
    }
}
