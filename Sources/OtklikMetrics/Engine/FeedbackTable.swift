import Foundation
import OtklikCore

/// The in-process columnar store of feedback facts: dictionary-encoded, 34 bytes a record.
///
/// Rows are appended as records are committed and rebuilt from the store at start. A value type
/// with copy-on-write columns: the owner (an actor in the server) serialises writes; a copy is a
/// consistent snapshot.
public struct FeedbackTable: Sendable {
    public let timeZone: TimeZone
    public internal(set) var locations = CodeDictionary()
    public internal(set) var staff = CodeDictionary()
    public internal(set) var services = CodeDictionary()
    public internal(set) var regions = CodeDictionary()
    /// The customers records are linked to (pseudonymous ids), for the segment filter.
    public internal(set) var customers = CodeDictionary()
    /// Region id of each location id, −1 when the location has none.
    var regionOfLocation: [Int32] = []

    /// Milliseconds since 1970, UTC.
    var ts = Column<Int64>()
    /// Local calendar day (days since 1970-01-01 in the table's time zone).
    var day = Column<Int32>()
    /// Dictionary ids; −1 when the record has none.
    var location = Column<Int32>()
    var staffColumn = Column<Int32>()
    var service = Column<Int32>()
    var customer = Column<Int32>()
    /// Index in `Channel.allCases` / `FeedbackKind.allCases`.
    var channel = Column<UInt8>()
    var kind = Column<UInt8>()
    /// Scores, −1 when not answered.
    var nps = Column<Int8>()
    var csat = Column<Int8>()
    var ces = Column<Int8>()
    /// 0 none, 1 positive, 2 neutral, 3 negative.
    var button = Column<UInt8>()
    /// The earliest and latest local day held, for dense time grouping.
    var dayRange: ClosedRange<Int32>?
    /// Each block's earliest and latest time, so a time range reads only the blocks it can touch.
    var zones = TimeZoneMap()
    /// Per-day counts kept beside the rows (``addRollup(_:measures:)``); none unless asked for.
    var rollups: [DayRollup] = []
    /// Each staff member's one location, while they have one (``StaffPlacement``).
    var placement = StaffPlacement()
    private var offsets: UTCOffsetCache

    /// Bytes each record occupies in the columns.
    public static let bytesPerRecord = 8 + 4 + 4 + 4 + 4 + 4 + 1 + 1 + 1 + 1 + 1 + 1

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { ts.count }

    public mutating func reserveCapacity(_ n: Int) {
        ts.reserveCapacity(n); day.reserveCapacity(n); location.reserveCapacity(n)
        staffColumn.reserveCapacity(n); service.reserveCapacity(n); customer.reserveCapacity(n); channel.reserveCapacity(n)
        kind.reserveCapacity(n); nps.reserveCapacity(n); csat.reserveCapacity(n)
        ces.reserveCapacity(n); button.reserveCapacity(n)
    }

    /// Records that a location belongs to a region (reference data may change at any time).
    public mutating func setRegion(_ region: String?, ofLocation code: String) {
        let id = Int(locations.intern(code))
        while regionOfLocation.count <= id { regionOfLocation.append(-1) }
        regionOfLocation[id] = region.map { regions.intern($0) } ?? -1
    }

    public func region(ofLocation code: String?) -> String? {
        guard let code, let id = locations.id(of: code), Int(id) < regionOfLocation.count else { return nil }
        return regions.code(of: regionOfLocation[Int(id)])
    }

    /// Appends one record. Scores must be on their scales (validated at write): NPS 0-10, CSAT 1-5, CES 1-7.
    public mutating func append(_ fact: FeedbackFact) {
        let milliseconds = Self.milliseconds(fact.ts)
        zones.note(milliseconds, row: ts.count)
        ts.append(milliseconds)
        // The day of the time as held (whole milliseconds), so that days and time filters agree to the millisecond.
        let localDay = offsets.localDayAndHour(of: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)).day
        day.append(localDay)
        dayRange = dayRange.map { min($0.lowerBound, localDay)...max($0.upperBound, localDay) } ?? localDay...localDay
        let locationId = fact.location.map { locations.intern($0) } ?? -1
        if locationId >= 0 && Int(locationId) >= regionOfLocation.count {
            while regionOfLocation.count <= Int(locationId) { regionOfLocation.append(-1) }
        }
        location.append(locationId)
        let staffId = fact.staff.map { staff.intern($0) } ?? -1
        staffColumn.append(staffId)
        placement.note(staff: staffId, location: locationId)
        service.append(fact.service.map { services.intern($0) } ?? -1)
        customer.append(fact.customer.map { customers.intern($0) } ?? -1)
        channel.append(UInt8(Channel.allCases.firstIndex(of: fact.channel)!))
        kind.append(UInt8(FeedbackKind.allCases.firstIndex(of: fact.kind)!))
        precondition(Self.isOnScale(fact), "feedback score off its scale: \(fact)")
        nps.append(fact.nps.map { Int8($0) } ?? -1)
        csat.append(fact.csat.map { Int8($0) } ?? -1)
        ces.append(fact.ces.map { Int8($0) } ?? -1)
        button.append(fact.button.map { UInt8(ButtonPress.allCases.firstIndex(of: $0)! + 1) } ?? 0)
        if !rollups.isEmpty { addToRollups(row: ts.count - 1) }
    }

    /// Whether every score is on its scale (what `append` requires).
    public static func isOnScale(_ fact: FeedbackFact) -> Bool {
        (fact.nps.map { (0...10).contains($0) } ?? true) && (fact.csat.map { (1...5).contains($0) } ?? true)
            && (fact.ces.map { (1...7).contains($0) } ?? true)
    }

    /// Bytes the columns hold (spare capacity included) plus the dictionaries' codes.
    public var memoryBytes: Int {
        let columns = ts.allocatedBytes + day.allocatedBytes + location.allocatedBytes + staffColumn.allocatedBytes
            + service.allocatedBytes + customer.allocatedBytes + channel.allocatedBytes + kind.allocatedBytes + nps.allocatedBytes
            + csat.allocatedBytes + ces.allocatedBytes + button.allocatedBytes
        let codes = [locations, staff, services, regions, customers].reduce(0) { $0 + $1.approximateBytes }
        return columns + codes + regionOfLocation.count * 4 + placement.bytes + rollupBytes
    }

    /// The earliest and latest moments held, or nil when empty.
    public var timeRange: ClosedRange<Date>? {
        guard let low = ts.min(), let high = ts.max() else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(low) / 1000)...Date(timeIntervalSince1970: TimeInterval(high) / 1000)
    }

    /// Timestamps are held in whole milliseconds, as the store keeps them.
    @inline(__always)
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
