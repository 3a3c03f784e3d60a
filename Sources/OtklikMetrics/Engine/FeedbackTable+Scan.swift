import Foundation
import OtklikCore

extension FeedbackTable {
    /// Filters, groups and tallies in one pass over the columns.
    public func tally(_ query: FeedbackQuery) -> GroupedTallies {
        let filter = CompiledFilter(query: query, table: self)
        let keyers = query.groupBy.map { GroupKeyer(dimension: $0, table: self) }
        var groups: [Int64: Tally] = [:]
        var overall = Tally()
        guard !filter.isEmpty else { return GroupedTallies(dimensions: query.groupBy, groups: [], overall: overall) }
        for row in 0..<count where filter.accepts(row, self) {
            overall.add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
            guard !keyers.isEmpty else { continue }
            var key: Int64 = 0
            for keyer in keyers { key = key &* 4_294_967_296 &+ (Int64(keyer.key(row, self)) & 0xFFFF_FFFF) }
            groups[key, default: Tally()].add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
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
