import Foundation
import OtklikCore
import Testing
@testable import OtklikMetrics

/// The e-mail replies' cutoffs (``ReplyCutoffs``) against the engine's local day of every second around them: a
/// second is before its day's cutoff exactly when its local day is within the deadline.
@Suite struct ReplyCutoffsTests {
    /// The engine's local day of a second (the offset at the start of its hour for the whole hour).
    static func localDay(_ second: Int64, _ zone: TimeZone) -> Int32 {
        UTCOffsetCache.localDayAndHour(seconds: second, offset: UTCOffsetCache.offset(in: zone, hour: UTCOffsetCache.hour(of: second))).day
    }

    /// Moscow (no clock changes), Berlin across both its changes of 2026 (29 March, 25 October), India's half-hour
    /// offset, Newfoundland's half-hour offset with summer time: every second from 30 hours before each local midnight
    /// to 30 hours after is before the cutoff exactly when its day is earlier; with the offsets held and without.
    @Test(arguments: ["Europe/Moscow", "Europe/Berlin", "Asia/Kolkata", "America/St_Johns"])
    func everySecondAroundMidnightIsOnTheRightSide(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let march28 = try #require(LocalCalendar.day(parsing: "2026-03-28"))
        let october24 = try #require(LocalCalendar.day(parsing: "2026-10-24"))
        let days = [march28, march28 + 1, march28 + 2, october24, october24 + 1, october24 + 2]
        let held = HourOffsetsCache(timeZone: timeZone).offsets(covering: (Int64(march28) - 3) * 24..<(Int64(october24) + 4) * 24)
        for day in days {
            let cutoff = try #require(ReplyCutoffs.firstSecond(of: day, hours: held, timeZone: timeZone))
            #expect(ReplyCutoffs.firstSecond(of: day, hours: HourOffsets(firstHour: 0, offsets: []), timeZone: timeZone) == cutoff)
            #expect(Self.localDay(cutoff, timeZone) == day && Self.localDay(cutoff - 1, timeZone) == day - 1, "\(zone) day \(day)")
            var offsets: [Int64: Int32] = [:]
            for second in stride(from: Int64(day) * 86_400 - 30 * 3600, to: Int64(day) * 86_400 + 30 * 3600, by: 1) {
                let hour = UTCOffsetCache.hour(of: second)
                let offset = offsets[hour] ?? UTCOffsetCache.offset(in: timeZone, hour: hour)
                offsets[hour] = offset
                let local = UTCOffsetCache.localDayAndHour(seconds: second, offset: offset).day
                if (second < cutoff) != (local < day) {
                    Issue.record("\(zone): second \(second), local day \(local), cutoff \(cutoff) of day \(day)")
                    break
                }
            }
        }
    }

    /// Berlin's midnight by hand: 2026-03-30 (summer time, UTC+2) starts at 2026-03-29 22:00 UTC.
    @Test func berlinsMidnightByHand() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let march30 = try #require(LocalCalendar.day(parsing: "2026-03-30"))
        let held = HourOffsets(firstHour: 0, offsets: [])
        #expect(ReplyCutoffs.firstSecond(of: march30, hours: held, timeZone: berlin) == Int64(march30) * 86_400 - 7_200)
    }

    /// Newfoundland ended summer time at 00:01 until 2010 (2006-10-29 00:01 NDT → 2006-10-28 23:01 NST): with the
    /// offset at the start of each UTC hour standing for the hour, 02:30-02:59 UTC is 29 October and 03:00 UTC is 28
    /// October again. The local day steps back, so no cutoff is given and the scan converts each reply's day; on days
    /// far from it there is one. (Deadlines of zero working days: each day is its own, so the 28th needs the 29th.)
    @Test func aClockTurnedBackAcrossMidnightGivesNoCutoff() throws {
        let stJohns = try #require(TimeZone(identifier: "America/St_Johns"))
        let october29 = try #require(LocalCalendar.day(parsing: "2006-10-29"))
        #expect(Self.localDay(1_162_089_000, stJohns) == october29 && Self.localDay(1_162_090_800, stJohns) == october29 - 1,
                "02:30 UTC is 29 October, 03:00 UTC 28 October")
        let held = HourOffsets(firstHour: 0, offsets: [])
        #expect(ReplyCutoffs.firstSecond(of: october29, hours: held, timeZone: stJohns) == nil)
        #expect(ReplyCutoffs.firstSecond(of: october29 + 10, hours: held, timeZone: stJohns) != nil)
        let deadlines = WorkingDayDeadlines(WorkingCalendar([]), count: 0, days: (october29 - 5)...(october29 + 5))
        #expect(ReplyCutoffs(deadlines, days: (october29 - 5)...(october29 + 5), hours: held, timeZone: stJohns) == nil)
        let later = WorkingDayDeadlines(WorkingCalendar([]), count: 0, days: (october29 + 10)...(october29 + 20))
        #expect(ReplyCutoffs(later, days: (october29 + 10)...(october29 + 20), hours: held, timeZone: stJohns) != nil)
    }
}
