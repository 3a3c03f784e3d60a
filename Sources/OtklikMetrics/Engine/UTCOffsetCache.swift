import Foundation

/// A time zone's UTC offset, looked up once per hour of time: `TimeZone.secondsFromGMT(for:)` is slow,
/// and offsets change only at whole-hour transitions in the zones Otklik serves.
struct UTCOffsetCache: Sendable {
    let timeZone: TimeZone
    private var offsets: [Int64: Int32] = [:]

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Local day number and hour of day (0-23) of a moment.
    mutating func localDayAndHour(of date: Date) -> (day: Int32, hour: Int8) {
        let seconds = Self.seconds(of: date)
        let hourKey = Self.hour(of: seconds)
        let offset: Int32
        if let cached = offsets[hourKey] {
            offset = cached
        } else {
            offset = Self.offset(in: timeZone, hour: hourKey)
            offsets[hourKey] = offset
        }
        return Self.localDayAndHour(seconds: seconds, offset: offset)
    }

    /// Whole seconds since 1970 of a moment (rounded down).
    @inline(__always)
    static func seconds(of date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// The hour (since 1970, UTC) a second falls in: the key of its offset.
    @inline(__always)
    static func hour(of seconds: Int64) -> Int64 {
        seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
    }

    /// The zone's offset at the start of an hour, which stands for the whole hour.
    static func offset(in timeZone: TimeZone, hour: Int64) -> Int32 {
        Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(hour * 3600))))
    }

    /// Local day number and hour of day of a second at an offset.
    @inline(__always)
    static func localDayAndHour(seconds: Int64, offset: Int32) -> (day: Int32, hour: Int8) {
        let local = seconds + Int64(offset)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (Int32(day), Int8((local - day * 86_400) / 3600))
    }
}
