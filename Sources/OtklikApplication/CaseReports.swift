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

    public init(database: AppDatabase, schedule: CaseScheduleSource) {
        self.database = database
        self.schedule = schedule
    }

    public func report(_ metric: CaseMetric, parameters: [String: String], minimumN fallback: Int, now: Date = Date()) async throws -> MetricReport {
        let current = try await schedule.current()
        let query = try ProcessQuery(parameters: parameters.filter { $0.key != "by" }, timeZone: current.clock.timeZone)
        let dimensions = (parameters["by"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard dimensions.count <= 2 else { throw OtklikError.invalid("by", "at most two dimensions") }
        var regions: [String: String] = [:]
        for location in try await database.reference.locations() { regions[location.code] = location.region }
        let facts = try await database.cases.facts(from: query.from, to: query.to, locations: query.filter.locations)
        var teams: [String: String] = [:]
        for staff in try await database.reference.staff() { teams[staff.code] = staff.team }
        return try CaseReporter(clock: current.clock, regionOfLocation: regions, teamOfStaff: teams)
            .report(metric, facts, by: dimensions, now: now, minimumN: query.minimumN ?? fallback)
    }

    /// When the last case was opened (at `locations`, every location when empty); nil when there is none.
    public func lastOpened(locations: Set<String>) async throws -> Date? {
        try await database.cases.facts(from: nil, to: nil, locations: locations).map(\.openedAt).max()
    }
}
