import Foundation
import OtklikCore

extension FeedbackTable {
    /// Filters, groups and tallies the columns.
    ///
    /// When the groups fit in a flat array (`options.denseLimit` cells; a grouping by location and staff member counts
    /// the staff of each location only, ``placedTally(_:filter:rows:options:)``) one fused pass does everything,
    /// split across `options.parallelism` threads; otherwise the matching rows are selected, keyed and counted into
    /// a hash map. A time range reads only the blocks of rows its zone map says it can touch.
    /// - Parameter rows: only these rows (by default all); the query cache scans just the rows appended since.
    public func tally(_ query: FeedbackQuery, rows wanted: Range<Int>? = nil, options: ScanOptions = .default) -> GroupedTallies {
        let wanted = (wanted ?? 0..<count).clamped(to: 0..<count)
        let filter = CompiledFilter(query: query, table: self)
        guard !filter.isEmpty else { return GroupedTallies(dimensions: query.groupBy, groups: [], overall: Tally()) }
        let keyers = query.groupBy.map { GroupKeyer(dimension: $0) }
        let spaces = keyers.map { $0.space(self) }
        let cells = spaces.reduce(1) { $0 * $1.count }
        let (groups, overall): (ScanGroups, Tally)
        if wanted == 0..<count, let answered = rollupTally(query, filter: filter) {
            (groups, overall) = answered
        } else if let placed = placedTally(query, filter: filter, rows: wanted, options: options) {
            (groups, overall) = (ScanGroups(placed.groups, spaces: spaces), placed.overall)
        } else if cells <= options.denseLimit && cells * query.measures.layout.width <= Self.maximumDenseSlots {
            let scan = DenseScan(
                table: self, runs: zones.runs(from: filter.from, to: filter.to, within: wanted), filter: RowMasks(filter),
                keys: zip(query.groupBy, spaces).map { KeySource($0, table: self, space: $1) },
                measures: query.measures, cells: cells)
            (groups, overall) = Self.collect(scan.run(options), spaces: spaces, grouped: !keyers.isEmpty)
        } else {
            let rows = filter.selectRows(self, within: wanted)
            var (all, sum) = sparseTally(rows: rows, keys: keyers.map { $0.keys(for: rows, in: self) })
            if keyers.isEmpty { all = [:] }
            if query.measures != .all { (all, sum) = (all.mapValues { $0.keeping(query.measures) }, sum.keeping(query.measures)) }
            (groups, overall) = (ScanGroups(all, spaces: spaces), sum)
        }
        return GroupedTallies(
            dimensions: query.groupBy, groups: GroupLabelling(keyers: keyers, table: self).labelled(groups), overall: overall)
    }

    /// The largest flat counter array (cells × histogram slots) a dense scan allocates per thread.
    static let maximumDenseSlots = 4_000_000

    /// The cells that counted a record as groups (none when the query is not grouped), and the sum of all cells.
    static func collect(_ cells: [Tally], spaces: [GroupKeyer.KeySpace], grouped: Bool) -> (ScanGroups, Tally) {
        var overall = Tally()
        for tally in cells where tally.count > 0 { overall.merge(tally) }
        return (grouped ? ScanGroups(cells: cells, spaces: spaces) : ScanGroups(spaces: []), overall)
    }

    /// Accumulates into a hash map keyed by the packed group keys (``GroupKeyPacking``).
    func sparseTally(rows: [Int32], keys: [[Int32]]) -> ([Int64: Tally], Tally) {
        let nps = nps.base, csat = csat.base, ces = ces.base, button = button.base
        var groups: [Int64: Tally] = [:]
        var overall = Tally()
        for index in rows.indices {
            let row = Int(rows[index])
            var key: Int64 = 0
            for column in keys { key = GroupKeyPacking.appending(column[index], to: key) }
            groups[key, default: Tally()].add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
            overall.add(nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
        }
        withExtendedLifetime(self) {}
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
    /// The customers a segment slice keeps (by customer id); nil without a customer filter.
    var customers: [Bool]?
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
        if let wanted = query.customers {
            var mask = [Bool](repeating: false, count: table.customers.count)
            for code in wanted { if let id = table.customers.id(of: code) { mask[Int(id)] = true } }
            customers = mask
        }
        isEmpty = [locations, staff, services, customers].contains { $0.map { !$0.contains(true) } ?? false }
    }

    private static func mask(_ codes: Set<String>, _ dictionary: CodeDictionary) -> [Bool]? {
        guard !codes.isEmpty else { return nil }
        var mask = [Bool](repeating: false, count: dictionary.count)
        for code in codes { if let id = dictionary.id(of: code) { mask[Int(id)] = true } }
        return mask
    }

    /// The rows that pass every filter, in order.
    func selectRows(_ table: FeedbackTable, within range: Range<Int>) -> [Int32] {
        let ts = table.ts, location = table.location, staffColumn = table.staffColumn, service = table.service
        let channel = table.channel, kind = table.kind, customer = table.customer
        let customerMask = customers ?? [], byCustomer = customers != nil
        let locationMask = locations ?? [], staffMask = staff ?? [], serviceMask = services ?? []
        let channelMask = channels ?? [], kindMask = kinds ?? []
        let (byLocation, byStaff, byService) = (locations != nil, staff != nil, services != nil)
        let (byChannel, byKind) = (channels != nil, kinds != nil)
        let (from, to) = (self.from, self.to)
        var rows: [Int32] = []
        rows.reserveCapacity(range.count)
        for row in range {
            let t = ts[row]
            if t < from || t >= to { continue }
            if byLocation && !Self.test(locationMask, location[row]) { continue }
            if byStaff && !Self.test(staffMask, staffColumn[row]) { continue }
            if byService && !Self.test(serviceMask, service[row]) { continue }
            if byChannel && !channelMask[Int(channel[row])] { continue }
            if byKind && !kindMask[Int(kind[row])] { continue }
            if byCustomer && !Self.test(customerMask, customer[row]) { continue }
            rows.append(Int32(row))
        }
        return rows
    }

    @inline(__always)
    private static func test(_ mask: [Bool], _ id: Int32) -> Bool {
        id >= 0 && Int(id) < mask.count && mask[Int(id)]
    }
}

/// Turns a row into a group id for one dimension and a group id back into its label.
struct GroupKeyer {
    let dimension: GroupDimension

    /// The dimension's key of each selected row.
    func keys(for rows: [Int32], in table: FeedbackTable) -> [Int32] {
        switch dimension {
        case .location:
            let column = table.location
            return rows.map { column[Int($0)] }
        case .region:
            let column = table.location, regions = table.regionOfLocation
            return rows.map { column[Int($0)] >= 0 ? regions[Int(column[Int($0)])] : -1 }
        case .staff:
            let column = table.staffColumn
            return rows.map { column[Int($0)] }
        case .service:
            let column = table.service
            return rows.map { column[Int($0)] }
        case .channel:
            let column = table.channel
            return rows.map { Int32(column[Int($0)]) }
        case .kind:
            let column = table.kind
            return rows.map { Int32(column[Int($0)]) }
        case .day:
            let column = table.day
            return rows.map { column[Int($0)] }
        case .week:
            return Self.perDay(rows, table) { LocalCalendar.weekStart(of: $0) }
        case .month:
            return Self.perDay(rows, table) { LocalCalendar.monthIndex(of: $0) }
        }
    }

    /// A key that depends on the day only, computed once per distinct day of the table and looked up per row.
    static func perDay(_ rows: [Int32], _ table: FeedbackTable, _ key: (Int32) -> Int32) -> [Int32] {
        guard let range = table.dayRange else { return [] }
        let lookup = (range.lowerBound...range.upperBound).map(key)
        let first = range.lowerBound
        let days = table.day.base
        defer { withExtendedLifetime(table) {} }
        return lookup.withUnsafeBufferPointer { lookup in rows.map { lookup[Int(days[Int($0)] - first)] } }
    }

    /// The range of keys a dimension can produce: key = offset + divisor·i for i in 0..<count.
    struct KeySpace {
        var offset: Int
        var divisor: Int
        var count: Int

        /// The key at a slot of the space.
        func key(at slot: Int) -> Int32 { Int32(offset + divisor * slot) }

        /// The slot of a key the space holds.
        func slot(of key: Int32) -> Int32 {
            let slot = (Int(key) - offset) / divisor
            precondition(slot >= 0 && slot < count && key == self.key(at: slot), "a key outside its dimension's space")
            return Int32(slot)
        }
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

    /// The code dictionary whose codes label the dimension's keys; nil for the dimensions labelled otherwise.
    func dictionary(_ table: FeedbackTable) -> CodeDictionary? {
        switch dimension {
        case .location: table.locations
        case .region: table.regions
        case .staff: table.staff
        case .service: table.services
        case .channel, .kind, .day, .week, .month: nil
        }
    }

    /// The label of a key: its code for a dimension with a code dictionary ("" for none), else its name or date.
    func label(_ id: Int32, _ table: FeedbackTable) -> String {
        if let dictionary = dictionary(table) { return dictionary.code(of: id) ?? "" }
        switch dimension {
        case .channel: return Channel.allCases[Int(id)].rawValue
        case .kind: return FeedbackKind.allCases[Int(id)].rawValue
        case .day, .week: return LocalCalendar.label(day: id)
        case .month: return LocalCalendar.label(monthIndex: id)
        case .location, .region, .staff, .service: preconditionFailure("labelled by its code dictionary above")
        }
    }
}
