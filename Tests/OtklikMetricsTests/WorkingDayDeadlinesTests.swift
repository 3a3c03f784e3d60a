import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The flat deadline table (``WorkingDayDeadlines``) against the calendar's own walk, day by day, and the flat hour
/// offsets (``HourOffsetsCache``) against ``UTCOffsetCache``, moment by moment.
@Suite struct WorkingDayDeadlinesTests {
    /// 2026-03-01 is day 20,513.
    static let march1: Int32 = 20_513

    /// Holidays on working days, a worked Saturday, a long run of holidays at the range's end (deadlines past the days
    /// the table walks): every day of the range and days outside it give the calendar's deadline, for 0-10 working days.
    @Test func everyDeadlineEqualsTheCalendarsWalk() throws {
        let long = (0..<80).map { CalendarDay(date: LocalCalendar.label(day: Self.march1 + 50 + Int32($0)), working: false) }
        let calendar = WorkingCalendar([
            CalendarDay(date: "2026-03-09", working: false), CalendarDay(date: "2026-03-14", working: true),
            CalendarDay(date: "2026-03-13", working: false),
        ] + long)
        let days = Self.march1...(Self.march1 + 59)
        for count in 0...10 {
            let table = WorkingDayDeadlines(calendar, count: count, days: days)
            for day in (days.lowerBound - 5)...(days.upperBound + 5) {
                #expect(table[day] == calendar.workingDay(count, after: day), "\(count) working days after day \(day)")
            }
        }
        // By hand: Thursday 2026-03-12, three working days: Fri 13 is a holiday, Sat 14 worked, Mon 16, Tue 17.
        let thursday = try #require(LocalCalendar.day(parsing: "2026-03-12"))
        #expect(WorkingDayDeadlines(calendar, count: 3, days: days)[thursday] == thursday + 5)
    }

    /// Berlin across both DST changes, India's half-hour offset, moments before 1970: the local day through the flat
    /// table equals the cache's; a wider range asked later keeps the hours held and adds the new ones.
    @Test(arguments: ["Europe/Berlin", "Asia/Kolkata", "America/St_Johns"])
    func localDaysEqualTheOffsetCache(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let cache = HourOffsetsCache(timeZone: timeZone)
        var reference = UTCOffsetCache(timeZone: timeZone)
        let first: Int64 = 1_772_319_600 / 3600  // 2026-02-28 23:00 UTC
        let held = cache.offsets(covering: first..<(first + 24 * 60))
        #expect(held.hours == first..<(first + 24 * 60))
        let wider = cache.offsets(covering: (first - 24 * 400)..<(first + 24 * 260))
        #expect(wider.hours == (first - 24 * 400)..<(first + 24 * 260))
        for step in stride(from: Int64(-24 * 400 * 3600), to: Int64(24 * 260 * 3600), by: 1_799) {
            let moment = Date(timeIntervalSince1970: TimeInterval(first * 3600 + step) + 0.25)
            #expect(wider.localDay(of: moment) == reference.localDayAndHour(of: moment).day, "\(zone) at \(moment)")
        }
        #expect(held.localDay(of: Date(timeIntervalSince1970: TimeInterval((first - 1) * 3600))) == nil, "an hour not held")
        let early = cache.offsets(covering: -48..<24)
        let beforeEpoch = Date(timeIntervalSince1970: -3_600.5)
        #expect(early.localDay(of: beforeEpoch) == reference.localDayAndHour(of: beforeEpoch).day)
    }
}
