import Foundation
import OtklikCore
import Testing

@testable import OtklikServer

/// A journey's default period is 90 whole local days ending with today: the page and the API, read a moment apart,
/// count the same events (a window sliding with the clock once showed 822 on the page beside the API's 823).
@Suite struct JourneyPeriodTests {
    static func time(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func theDefaultIsNinetyWholeDaysEndingWithToday() throws {
        let utc = TimeZone(identifier: "UTC")!
        let first = try JourneyBoard.period(from: nil, to: nil, asOf: nil, timeZone: utc, now: Self.time("2026-03-15T13:45:12Z"))
        #expect(first.from == Self.time("2025-12-16T00:00:00Z") && first.to == Self.time("2026-03-16T00:00:00Z"))
        #expect(first.asOf == Self.time("2026-03-15T13:45:12Z"))
        let later = try JourneyBoard.period(from: nil, to: nil, asOf: nil, timeZone: utc, now: Self.time("2026-03-15T23:59:59Z"))
        #expect(later.from == first.from && later.to == first.to)
    }

    @Test func daysAreTheOrganisationsLocalDays() throws {
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        // 22:30 UTC is already the 16th in Moscow (UTC+3).
        let period = try JourneyBoard.period(from: nil, to: nil, asOf: nil, timeZone: moscow, now: Self.time("2026-03-15T22:30:00Z"))
        #expect(period.to == Self.time("2026-03-16T21:00:00Z") && period.from == Self.time("2025-12-16T21:00:00Z"))
        // A date-only `to` is its whole day; `from` then defaults to 90 days ending with it.
        let asked = try JourneyBoard.period(from: nil, to: "2026-01-31", asOf: nil, timeZone: moscow, now: Date())
        #expect(asked.to == Self.time("2026-01-31T21:00:00Z") && asked.from == Self.time("2025-11-02T21:00:00Z"))
    }

    @Test func aTimeKeepsItsExactNinetyDays() throws {
        let period = try JourneyBoard.period(
            from: nil, to: "2026-03-15T12:00:00Z", asOf: nil, timeZone: TimeZone(identifier: "UTC")!, now: Date())
        #expect(period.to == Self.time("2026-03-15T12:00:00Z") && period.from == Self.time("2025-12-15T12:00:00Z"))
        #expect(throws: OtklikError.self) {
            try JourneyBoard.period(from: "2026-03-20", to: "2026-03-15", asOf: nil, timeZone: TimeZone(identifier: "UTC")!, now: Date())
        }
    }
}
