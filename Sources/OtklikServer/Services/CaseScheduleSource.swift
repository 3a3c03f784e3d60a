import Foundation
import OtklikMetrics
import OtklikStore

/// The SLA of cases as configured now: the organisation's time zone and working-day calendar (both in the
/// store, so a calendar change applies at once), the opening hours and the targets from the configuration.
public struct CaseScheduleSource: Sendable {
    let database: AppDatabase
    let configuration: AppConfiguration

    public init(database: AppDatabase, configuration: AppConfiguration) {
        self.database = database
        self.configuration = configuration
    }

    public func current() async throws -> CaseSchedule {
        let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
        let clock = BusinessClock(
            calendar: WorkingCalendar(try await database.process.calendarDays()), timeZone: zone, opens: configuration.businessHours.opens,
            closes: configuration.businessHours.closes)
        return CaseSchedule(
            clock: clock, firstResponseHours: Double(configuration.caseFirstResponseHours), resolutionHours: Double(configuration.caseSLAHours),
            policies: try await database.slaPolicies.policies())
    }
}
