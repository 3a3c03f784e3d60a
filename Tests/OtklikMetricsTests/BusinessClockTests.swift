import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// SLA arithmetic across nights, weekends, holidays and time zones.
@Suite struct BusinessClockTests {
    static let moscow = TimeZone(identifier: "Europe/Moscow")!
    static let clock = BusinessClock(
        calendar: WorkingCalendar([CalendarDay(date: "2026-03-09", working: false), CalendarDay(date: "2026-03-14", working: true)]),
        timeZone: moscow)

    /// A Moscow local time (UTC+3).
    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text + "+03:00")! }

    @Test func withinOneDay() {
        #expect(Self.clock.adding(2 * 3600, to: Self.at("2026-03-02T10:00:00")) == Self.at("2026-03-02T12:00:00"))
    }

    @Test func acrossANight() {
        // Monday 17:00 + 3 business hours: one hour on Monday, two on Tuesday from 09:00.
        #expect(Self.clock.adding(3 * 3600, to: Self.at("2026-03-02T17:00:00")) == Self.at("2026-03-03T11:00:00"))
    }

    @Test func beforeOpeningStartsAtOpening() {
        #expect(Self.clock.adding(3600, to: Self.at("2026-03-02T06:30:00")) == Self.at("2026-03-02T10:00:00"))
    }

    @Test func acrossAWeekendAndAHoliday() {
        // Friday 6 March 16:00 + 8 h: 2 h on Friday; Saturday, Sunday off; Monday 9 March a holiday; 6 h on Tuesday.
        #expect(Self.clock.adding(8 * 3600, to: Self.at("2026-03-06T16:00:00")) == Self.at("2026-03-10T15:00:00"))
        // Without the holiday it would be Monday.
        let plain = BusinessClock(timeZone: Self.moscow)
        #expect(plain.adding(8 * 3600, to: Self.at("2026-03-06T16:00:00")) == Self.at("2026-03-09T15:00:00"))
    }

    @Test func aTransferredSaturdayIsWorked() {
        // Friday 13 March 17:00 + 2 h: 1 h on Friday, 1 h on the worked Saturday 14 March.
        #expect(Self.clock.adding(2 * 3600, to: Self.at("2026-03-13T17:00:00")) == Self.at("2026-03-14T10:00:00"))
    }

    @Test func elapsedBusinessTime() {
        #expect(Self.clock.businessSeconds(from: Self.at("2026-03-06T16:00:00"), to: Self.at("2026-03-10T15:00:00")) == 8 * 3600)
        #expect(Self.clock.businessSeconds(from: Self.at("2026-03-07T10:00:00"), to: Self.at("2026-03-08T10:00:00")) == 0, "a weekend")
        #expect(Self.clock.businessSeconds(from: Self.at("2026-03-03T12:00:00"), to: Self.at("2026-03-03T11:00:00")) == 0)
    }

    @Test func addingThenMeasuringAgree() {
        let start = Self.at("2026-03-05T13:37:00")
        for hours in [0.5, 1, 7, 9, 25, 60] {
            let due = Self.clock.adding(hours * 3600, to: start)
            #expect(abs(Self.clock.businessSeconds(from: start, to: due) - hours * 3600) < 1e-6, "\(hours) h")
        }
    }

    @Test func parsesOpeningHours() {
        #expect(BusinessClock.hours("09:00-18:00")! == (9 * 3600, 18 * 3600))
        #expect(BusinessClock.hours("08:30-20:00")! == (8 * 3600 + 1800, 20 * 3600))
        #expect(BusinessClock.hours("18:00-09:00") == nil)
        #expect(BusinessClock.hours("nine to five") == nil)
    }
}
