import Foundation
import OtklikMetrics
import OtklikStore

/// The SLA of cases as configured now: the organisation's time zone and working-day calendar (both in the
/// store, so a calendar change applies at once), the opening hours and the targets from the configuration.
public struct CaseScheduleSource: Sendable {
    let database: AppDatabase
    /// Opening and closing time of a working day, seconds after local midnight.
    let businessHours: (opens: Int, closes: Int)
    let firstResponseHours: Int
    let resolutionHours: Int

    public init(database: AppDatabase, businessHours: (opens: Int, closes: Int), firstResponseHours: Int, resolutionHours: Int) {
        self.database = database
        self.businessHours = businessHours
        self.firstResponseHours = firstResponseHours
        self.resolutionHours = resolutionHours
    }

    public func current() async throws -> CaseSchedule {
        let zone = TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
        let clock = BusinessClock(
            calendar: WorkingCalendar(try await database.process.calendarDays()), timeZone: zone, opens: businessHours.opens,
            closes: businessHours.closes)
        return CaseSchedule(
            clock: clock, firstResponseHours: Double(firstResponseHours), resolutionHours: Double(resolutionHours),
            policies: try await database.slaPolicies.policies())
    }
}
