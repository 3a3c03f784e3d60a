import OtklikCore

/// One grouped dimension of a contact scan resolved for the row loop: a row's group is
/// `lookup[column[row] − bias]`, a dense index in `0..<count` whose label is `labels[index]`
/// ("" for a contact without the attribute, as the reference labels it).
struct CallKey: LookupKey, Sendable {
    /// The column read: 32-bit ids or days, or 8-bit channel indexes and hours.
    var ints: Column<Int32>?
    var bytes: Column<UInt8>?
    var bias: Int
    var lookup: Column<Int32>
    var labels: [String]

    var count: Int { labels.count }

    init(_ dimension: CallDimension, table: CallTable, regionOfLocation: [String: String]) {
        self.init(dimension, columns: table.keyColumns, regionOfLocation: regionOfLocation)
    }

    /// The key over any process table's columns (contacts, service requests, agent states); a dimension the table does not
    /// have reads as one group "".
    init(_ dimension: CallDimension, columns table: ProcessKeyColumns, regionOfLocation: [String: String]) {
        func identity(_ n: Int) -> Column<Int32> { Column((0..<n).map { Int32($0) }) }
        func coded(_ coded: (column: Column<Int32>, codes: CodeDictionary)?) -> (Column<Int32>?, Int, Column<Int32>, [String]) {
            // One group "" for every row, read through the day column (whose values lie in the day range).
            guard let (column, dictionary) = coded else {
                return (table.day, Int(table.dayRange?.lowerBound ?? 0), Column([Int32](repeating: 0, count: table.dayCount)), [""])
            }
            return (column, -1, identity(dictionary.count + 1), [""] + dictionary.codes)
        }
        let days = table.dayRange ?? 0...0
        func perDay(_ key: (Int32) -> Int32) -> Column<Int32> {
            let first = key(days.lowerBound)
            return Column((days.lowerBound...days.upperBound).map { key($0) - first })
        }
        switch dimension {
        case .queue: (ints, bias, lookup, labels) = coded(table.queue)
        case .agent: (ints, bias, lookup, labels) = coded(table.agent)
        case .topic: (ints, bias, lookup, labels) = coded(table.topic)
        case .location: (ints, bias, lookup, labels) = coded(table.location)
        case .service: (ints, bias, lookup, labels) = coded(table.service)
        case .region:
            guard let (column, codes) = table.location else {
                (ints, bias, lookup, labels) = coded(nil)
                break
            }
            let names = Array(Set(regionOfLocation.values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0 + 1)) })
            ints = column
            bias = -1
            lookup = Column([0] + codes.codes.map { regionOfLocation[$0].flatMap { index[$0] } ?? 0 })
            labels = [""] + names
        case .channel:
            guard let channel = table.channel else {
                (ints, bias, lookup, labels) = coded(nil)
                break
            }
            bytes = channel
            bias = 0
            lookup = identity(Channel.allCases.count)
            labels = Channel.allCases.map(\.rawValue)
        case .hour:
            bytes = table.hour
            bias = 0
            lookup = identity(24)
            labels = (0..<24).map { $0 < 10 ? "0\($0)" : "\($0)" }
        case .day:
            ints = table.day
            bias = Int(days.lowerBound)
            lookup = identity(Int(days.upperBound - days.lowerBound) + 1)
            labels = (days.lowerBound...days.upperBound).map { LocalCalendar.label(day: $0) }
        case .week:
            ints = table.day
            bias = Int(days.lowerBound)
            lookup = perDay { (LocalCalendar.weekStart(of: $0) - LocalCalendar.weekStart(of: days.lowerBound)) / 7 }
            let first = LocalCalendar.weekStart(of: days.lowerBound), last = LocalCalendar.weekStart(of: days.upperBound)
            labels = stride(from: first, through: last, by: 7).map { LocalCalendar.label(day: $0) }
        case .month:
            ints = table.day
            bias = Int(days.lowerBound)
            lookup = perDay(LocalCalendar.monthIndex(of:))
            let first = LocalCalendar.monthIndex(of: days.lowerBound), last = LocalCalendar.monthIndex(of: days.upperBound)
            labels = (first...last).map { LocalCalendar.label(monthIndex: $0) }
        }
    }

    /// The group of a row, in `0..<count`.
    @inline(__always)
    func index(_ row: Int) -> Int {
        if let ints { return Int(lookup[Int(ints[row]) - bias]) }
        return Int(lookup[Int(bytes![row]) - bias])
    }

    /// The group of a value of the column the key reads (a dictionary id, a day, an hour), in `0..<count`.
    func index(value: Int) -> Int {
        Int(lookup[value - bias])
    }
}
