/// One grouped dimension resolved for the row loop: a row's group is `lookup[column[row] − bias]`,
/// a dense index in `0..<count` that ``GroupKeyer/KeySpace`` turns back into the dimension's key.
struct KeySource: LookupKey, Sendable {
    /// The column read: 32-bit ids or days, or 8-bit enumeration indexes.
    var ints: Column<Int32>?
    var bytes: Column<UInt8>?
    var bias: Int
    var lookup: Column<Int32>
    var count: Int

    init(_ dimension: GroupDimension, table: FeedbackTable, space: GroupKeyer.KeySpace) {
        count = space.count
        let days = table.dayRange ?? 0...0
        func identity(_ n: Int) -> Column<Int32> { Column((0..<n).map { Int32($0) }) }
        func perDay(_ key: (Int32) -> Int32) -> Column<Int32> {
            Column((days.lowerBound...days.upperBound).map { (Int(key($0)) - space.offset) / space.divisor }.map { Int32($0) })
        }
        switch dimension {
        case .location, .staff, .service:
            ints = dimension == .location ? table.location : dimension == .staff ? table.staffColumn : table.service
            bias = -1
            lookup = identity(space.count)
        case .region:
            ints = table.location
            bias = -1
            let regions = table.regionOfLocation
            lookup = Column([0] + (0..<table.locations.count).map { $0 < regions.count ? regions[$0] + 1 : 0 })
        case .channel, .kind:
            bytes = dimension == .channel ? table.channel : table.kind
            bias = 0
            lookup = identity(space.count)
        case .day:
            ints = table.day
            bias = Int(days.lowerBound)
            lookup = identity(space.count)
        case .week:
            ints = table.day
            bias = Int(days.lowerBound)
            lookup = perDay(LocalCalendar.weekStart(of:))
        case .month:
            ints = table.day
            bias = Int(days.lowerBound)
            lookup = perDay(LocalCalendar.monthIndex(of:))
        }
    }
}
