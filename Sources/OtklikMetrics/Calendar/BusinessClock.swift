import Foundation

/// Business time: the organisation's opening hours on its working days (``WorkingCalendar``: Monday-Friday,
/// holidays and transferred days), in its time zone. SLA targets are counted on it, so a complaint that
/// arrives on Friday evening with an 8-hour target is due on Monday afternoon, not on Saturday.
public struct BusinessClock: Sendable, Equatable {
    public var calendar: WorkingCalendar
    public var timeZone: TimeZone
    /// Opening and closing, seconds after local midnight.
    public var opens: Int
    public var closes: Int

    public init(calendar: WorkingCalendar = WorkingCalendar(), timeZone: TimeZone, opens: Int = 9 * 3600, closes: Int = 18 * 3600) {
        precondition(0 <= opens && opens < closes && closes <= 86_400, "opening hours must lie within a day")
        self.calendar = calendar
        self.timeZone = timeZone
        self.opens = opens
        self.closes = closes
    }

    /// Parses `09:00-18:00`.
    public static func hours(_ text: String) -> (opens: Int, closes: Int)? {
        let parts = text.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0...24).contains($0[0]) && (0...59).contains($0[1]) }) else { return nil }
        let opens = parts[0][0] * 3600 + parts[0][1] * 60, closes = parts[1][0] * 3600 + parts[1][1] * 60
        return opens < closes && closes <= 86_400 ? (opens, closes) : nil
    }

    /// The local day of a moment and the instant that day's midnight falls on.
    func day(of date: Date) -> (day: Int32, midnight: Date) {
        let day = LocalCalendar.day(of: date, in: timeZone)
        return (day, midnight(of: day))
    }

    func midnight(of day: Int32) -> Date {
        let noon = Date(timeIntervalSince1970: Double(day) * 86_400 + 43_200)
        return Date(timeIntervalSince1970: Double(day) * 86_400 - Double(timeZone.secondsFromGMT(for: noon)))
    }

    /// The moment `seconds` of business time after `start` (a start outside hours begins at the next opening).
    public func adding(_ seconds: TimeInterval, to start: Date) -> Date {
        var remaining = max(0, seconds)
        var (day, midnight) = day(of: start)
        var cursor = start
        for _ in 0..<3_660 {
            if calendar.isWorking(day) {
                let open = midnight.addingTimeInterval(Double(opens)), close = midnight.addingTimeInterval(Double(closes))
                let from = max(cursor, open)
                if from < close {
                    let available = close.timeIntervalSince(from)
                    if remaining <= available { return from.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            day += 1
            midnight = self.midnight(of: day)
            cursor = midnight
        }
        return cursor
    }

    /// Business seconds between two moments (0 when `to` is not after `from`).
    public func businessSeconds(from: Date, to: Date) -> TimeInterval {
        guard to > from else { return 0 }
        var total: TimeInterval = 0
        var (day, midnight) = day(of: from)
        let lastDay = LocalCalendar.day(of: to, in: timeZone)
        while day <= lastDay {
            if calendar.isWorking(day) {
                let open = midnight.addingTimeInterval(Double(opens)), close = midnight.addingTimeInterval(Double(closes))
                let start = max(from, open), end = min(to, close)
                if end > start { total += end.timeIntervalSince(start) }
            }
            day += 1
            midnight = self.midnight(of: day)
        }
        return total
    }
}
