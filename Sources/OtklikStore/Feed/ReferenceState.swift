import OtklikCore

/// What the analytics engine keeps of the reference data: each location's region, the service catalogue (for the
/// share of services available online) and the working-day calendar. Read whole when a stretch of the change feed
/// holds a ``FeedEventKind/reference`` event.
public struct ReferenceState: Sendable {
    public var locations: [Location]
    public var services: [Service]
    public var calendar: [CalendarDay]

    static func read(_ database: any SQLDatabase) async throws -> ReferenceState {
        let reference = SQLReferenceRepository(database: database)
        return ReferenceState(
            locations: try await reference.locations(), services: try await reference.services(),
            calendar: try await SQLProcessRepository.calendarDays(database))
    }
}
