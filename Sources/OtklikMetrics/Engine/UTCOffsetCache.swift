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
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let hourKey = seconds >= 0 ? seconds / 3600 : (seconds - 3599) / 3600
        let offset: Int32
        if let cached = offsets[hourKey] {
            offset = cached
        } else {
            offset = Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(hourKey * 3600))))
            offsets[hourKey] = offset
        }
        let local = seconds + Int64(offset)
        let day = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (Int32(day), Int8((local - day * 86_400) / 3600))
    }
}
