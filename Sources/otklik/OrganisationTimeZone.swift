import Foundation
import OtklikStore

/// The organisation's time zone as the commands read it (UTC when the stored name is unknown): local days, switchback
/// units and periods are counted in it.
func organisationTimeZone(_ database: AppDatabase) async throws -> TimeZone {
    TimeZone(identifier: try await database.reference.organisation().timezone) ?? TimeZone(identifier: "UTC")!
}
