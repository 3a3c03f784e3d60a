import Foundation

/// A time zone's UTC offset for each hour of a range, in a flat array: the local day of a moment in the range is
/// arithmetic and one load, with the hour-start offset ``UTCOffsetCache`` gives (so both agree to the day). Made by
/// ``HourOffsetsCache`` once for a zone and kept between reports.
struct HourOffsets: Sendable {
    /// The first hour (since 1970, UTC) held.
    let firstHour: Int64
    /// The offset of each hour from `firstHour` on.
    let offsets: [Int32]

    /// The hours held.
    var hours: Range<Int64> { firstHour..<(firstHour + Int64(offsets.count)) }

    /// The offset of an hour (since 1970, UTC), or nil outside the hours held.
    @inline(__always)
    func offset(at hour: Int64) -> Int32? {
        let index = hour &- firstHour
        return index >= 0 && index < Int64(offsets.count) ? offsets[Int(index)] : nil
    }

    /// The local day of a moment, or nil outside the hours held.
    @inline(__always)
    func localDay(of date: Date) -> Int32? {
        let seconds = UTCOffsetCache.seconds(of: date)
        let index = UTCOffsetCache.hour(of: seconds) &- firstHour
        guard index >= 0 && index < Int64(offsets.count) else { return nil }
        return UTCOffsetCache.localDayAndHour(seconds: seconds, offset: offsets[Int(index)]).day
    }
}
