import Foundation
import OtklikCore

extension FeedbackTable {
    /// Filters, groups and tallies in one pass over the columns.
    /// - Parameter denseLimit: group into a flat array when the key space has at most this many cells,
    ///   else into a hash map.
    public func tally(_ query: FeedbackQuery, denseLimit: Int = 250_000) -> GroupedTallies {
        let filter = CompiledFilter(query: query, table: self)
        let keyers = query.groupBy.map { GroupKeyer(dimension: $0, table: self) }
        var groups: [Int64: Tally] = [:]
        var overall = Tally()
        guard !filter.isEmpty else { return GroupedTallies(dimensions: query.groupBy, groups: [], overall: overall) }
        if let dense = denseTally(filter: filter, keyers: keyers, limit: denseLimit) {
            (groups, overall) = dense
        } else {
            (groups, overall) = sparseTally(filter: filter, keyers: keyers)
        }
        let labelled = groups.map { key, tally in
            var parts: [String] = []
            var rest = key
            for keyer in keyers.reversed() {
                parts.append(keyer.label(Int32(truncatingIfNeeded: rest & 0xFFFF_FFFF), self))
                rest >>= 32
            }
            return GroupedTallies.Group(key: parts.reversed(), tally: tally)
        }
        return GroupedTallies(
            dimensions: query.groupBy,
            groups: labelled.sorted { $0.key.lexicographicallyPrecedes($1.key) },
            overall: overall)
    }

    /// Group keys pack one 32-bit key per dimension.
    static func pack(_ keys: [Int32]) -> Int64 {
        keys.reduce(Int64(0)) { $0 &* 4_294_967_296 &+ (Int64($1) & 0xFFFF_FFFF) }
    }

    /// Accumulates into an array indexed by the groups' dense positions when the key space is small.
    func denseTally(filter: CompiledFilter, keyers: [GroupKeyer], limit: Int) -> ([Int64: Tally], Tally)? {
        let spaces = keyers.map { $0.space(self) }
        let cells = spaces.reduce(1) { $0 * $1.count }
        guard cells <= limit else { return nil }
        var strides = [Int](repeating: 1, count: keyers.count)
        for index in keyers.indices.dropLast().reversed() { strides[index] = strides[index + 1] * spaces[index + 1].count }
        var dense = [Tally](repeating: Tally(), count: cells)
        var overall = Tally()
        for row in 0..<count where filter.accepts(row, self) {
            var cell = 0
            for (index, keyer) in keyers.enumerated() {
                let space = spaces[index]
                cell += (Int(keyer.key(row, self)) - space.offset) / space.divisor * strides[index]
            }
            dense[cell].add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
        }
        if keyers.isEmpty { return ([:], dense[0]) }
        var groups: [Int64: Tally] = [:]
        for (cell, tally) in dense.enumerated() where tally.count > 0 {
            overall.merge(tally)
            var keys: [Int32] = []
            for (index, space) in spaces.enumerated() {
                keys.append(Int32((cell / strides[index]) % space.count * space.divisor + space.offset))
            }
            groups[Self.pack(keys)] = tally
        }
        return (groups, overall)
    }

    func sparseTally(filter: CompiledFilter, keyers: [GroupKeyer]) -> ([Int64: Tally], Tally) {
        var groups: [Int64: Tally] = [:]
        var overall = Tally()
        for row in 0..<count where filter.accepts(row, self) {
            overall.add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
            guard !keyers.isEmpty else { continue }
            var key: Int64 = 0
            for keyer in keyers { key = key &* 4_294_967_296 &+ (Int64(keyer.key(row, self)) & 0xFFFF_FFFF) }
            groups[key, default: Tally()].add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
        }
        return (groups, overall)
    }
}

/// A query's filters resolved to ids once, so the row loop compares integers only.
struct CompiledFilter {
    var from: Int64 = .min
    var to: Int64 = .max
    var locations: [Bool]?
    var staff: [Bool]?
    var services: [Bool]?
    var channels: [Bool]?
    var kinds: [Bool]?
    /// A filter names only codes the table has never seen: nothing can match.
    var isEmpty = false

    init(query: FeedbackQuery, table: FeedbackTable) {
        if let fromDate = query.from { from = Int64((fromDate.timeIntervalSince1970 * 1000).rounded(.up)) }
        if let toDate = query.to { to = Int64((toDate.timeIntervalSince1970 * 1000).rounded(.up)) }
        var allowedLocations = Self.mask(query.locations, table.locations)
        if !query.regions.isEmpty {
            let regionIds = Set(query.regions.compactMap { table.regions.id(of: $0) })
            var byRegion = [Bool](repeating: false, count: table.locations.count)
            for (location, region) in table.regionOfLocation.enumerated() where regionIds.contains(region) {
                byRegion[location] = true
            }
            allowedLocations = allowedLocations.map { zip($0, byRegion).map { $0 && $1 } } ?? byRegion
        }
        locations = allowedLocations
        staff = Self.mask(query.staff, table.staff)
        services = Self.mask(query.services, table.services)
        if !query.channels.isEmpty { channels = Channel.allCases.map(query.channels.contains) }
        if !query.kinds.isEmpty { kinds = FeedbackKind.allCases.map(query.kinds.contains) }
        isEmpty = [locations, staff, services].contains { $0.map { !$0.contains(true) } ?? false }
    }

    private static func mask(_ codes: Set<String>, _ dictionary: CodeDictionary) -> [Bool]? {
        guard !codes.isEmpty else { return nil }
        var mask = [Bool](repeating: false, count: dictionary.count)
        for code in codes { if let id = dictionary.id(of: code) { mask[Int(id)] = true } }
        return mask
    }

    @inline(__always)
    func accepts(_ row: Int, _ table: FeedbackTable) -> Bool {
        let t = table.ts[row]
        if t < from || t >= to { return false }
        if let locations, !Self.test(locations, table.location[row]) { return false }
        if let staff, !Self.test(staff, table.staffColumn[row]) { return false }
        if let services, !Self.test(services, table.service[row]) { return false }
        if let channels, !channels[Int(table.channel[row])] { return false }
        if let kinds, !kinds[Int(table.kind[row])] { return false }
        return true
    }

    @inline(__always)
    private static func test(_ mask: [Bool], _ id: Int32) -> Bool {
        id >= 0 && Int(id) < mask.count && mask[Int(id)]
    }
}

/// Turns a row into a group id for one dimension and a group id back into its label.
struct GroupKeyer {
    let dimension: GroupDimension

    init(dimension: GroupDimension, table: FeedbackTable) {
        self.dimension = dimension
    }

    @inline(__always)
    func key(_ row: Int, _ table: FeedbackTable) -> Int32 {
        switch dimension {
        case .location: table.location[row]
        case .region:
            table.location[row] >= 0 ? table.regionOfLocation[Int(table.location[row])] : -1
        case .staff: table.staffColumn[row]
        case .service: table.service[row]
        case .channel: Int32(table.channel[row])
        case .kind: Int32(table.kind[row])
        case .day: table.day[row]
        case .week: LocalCalendar.weekStart(of: table.day[row])
        case .month: LocalCalendar.monthIndex(of: table.day[row])
        }
    }

    /// The range of keys a dimension can produce: key = offset + divisor·i for i in 0..<count.
    struct KeySpace {
        var offset: Int
        var divisor: Int
        var count: Int
    }

    func space(_ table: FeedbackTable) -> KeySpace {
        let days = table.dayRange ?? 0...0
        switch dimension {
        case .location: return KeySpace(offset: -1, divisor: 1, count: table.locations.count + 1)
        case .region: return KeySpace(offset: -1, divisor: 1, count: table.regions.count + 1)
        case .staff: return KeySpace(offset: -1, divisor: 1, count: table.staff.count + 1)
        case .service: return KeySpace(offset: -1, divisor: 1, count: table.services.count + 1)
        case .channel: return KeySpace(offset: 0, divisor: 1, count: Channel.allCases.count)
        case .kind: return KeySpace(offset: 0, divisor: 1, count: FeedbackKind.allCases.count)
        case .day: return KeySpace(offset: Int(days.lowerBound), divisor: 1, count: Int(days.upperBound - days.lowerBound) + 1)
        case .week:
            let first = Int(LocalCalendar.weekStart(of: days.lowerBound)), last = Int(LocalCalendar.weekStart(of: days.upperBound))
            return KeySpace(offset: first, divisor: 7, count: (last - first) / 7 + 1)
        case .month:
            let first = Int(LocalCalendar.monthIndex(of: days.lowerBound)), last = Int(LocalCalendar.monthIndex(of: days.upperBound))
            return KeySpace(offset: first, divisor: 1, count: last - first + 1)
        }
    }

    func label(_ id: Int32, _ table: FeedbackTable) -> String {
        switch dimension {
        case .location: table.locations.code(of: id) ?? ""
        case .region: table.regions.code(of: id) ?? ""
        case .staff: table.staff.code(of: id) ?? ""
        case .service: table.services.code(of: id) ?? ""
        case .channel: Channel.allCases[Int(id)].rawValue
        case .kind: FeedbackKind.allCases[Int(id)].rawValue
        case .day, .week: LocalCalendar.label(day: id)
        case .month: LocalCalendar.label(monthIndex: id)
        }
    }
}
