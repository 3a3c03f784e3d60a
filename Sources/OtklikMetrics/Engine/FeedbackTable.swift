import Foundation
import OtklikCore

/// The in-process columnar store of feedback facts: dictionary-encoded, 24 bytes a record.
///
/// Rows are appended as records are committed and rebuilt from the store at start. A value type:
/// the owner (an actor in the server) serialises writes; a copy is a consistent snapshot.
public struct FeedbackTable: Sendable {
    public let timeZone: TimeZone
    public internal(set) var locations = CodeDictionary()
    public internal(set) var staff = CodeDictionary()
    public internal(set) var services = CodeDictionary()
    public internal(set) var regions = CodeDictionary()
    /// Region id of each location id, −1 when the location has none.
    var regionOfLocation: [Int32] = []

    /// Milliseconds since 1970, UTC.
    var ts: [Int64] = []
    var day: [Int32] = []
    var location: [Int32] = []
    var staffColumn: [Int32] = []
    var service: [Int32] = []
    var channel: [UInt8] = []
    var kind: [UInt8] = []
    var nps: [Int8] = []
    var csat: [Int8] = []
    var ces: [Int8] = []
    var button: [UInt8] = []
    /// The earliest and latest local day held, for dense time grouping.
    var dayRange: ClosedRange<Int32>?
    private var offsets: UTCOffsetCache

    /// Bytes each record occupies in the columns.
    public static let bytesPerRecord = 8 + 4 + 4 + 4 + 4 + 1 + 1 + 1 + 1 + 1 + 1

    public init(timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.timeZone = timeZone
        offsets = UTCOffsetCache(timeZone: timeZone)
    }

    public var count: Int { ts.count }

    public mutating func reserveCapacity(_ n: Int) {
        ts.reserveCapacity(n); day.reserveCapacity(n); location.reserveCapacity(n)
        staffColumn.reserveCapacity(n); service.reserveCapacity(n); channel.reserveCapacity(n)
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

    public mutating func append(_ fact: FeedbackFact) {
        ts.append(Self.milliseconds(fact.ts))
        let localDay = offsets.localDayAndHour(of: fact.ts).day
        day.append(localDay)
        dayRange = dayRange.map { min($0.lowerBound, localDay)...max($0.upperBound, localDay) } ?? localDay...localDay
        let locationId = fact.location.map { locations.intern($0) } ?? -1
        if locationId >= 0 && Int(locationId) >= regionOfLocation.count {
            while regionOfLocation.count <= Int(locationId) { regionOfLocation.append(-1) }
        }
        location.append(locationId)
        staffColumn.append(fact.staff.map { staff.intern($0) } ?? -1)
        service.append(fact.service.map { services.intern($0) } ?? -1)
        channel.append(UInt8(Channel.allCases.firstIndex(of: fact.channel)!))
        kind.append(UInt8(FeedbackKind.allCases.firstIndex(of: fact.kind)!))
        nps.append(fact.nps.map { Int8($0) } ?? -1)
        csat.append(fact.csat.map { Int8($0) } ?? -1)
        ces.append(fact.ces.map { Int8($0) } ?? -1)
        button.append(fact.button.map { UInt8(ButtonPress.allCases.firstIndex(of: $0)! + 1) } ?? 0)
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
