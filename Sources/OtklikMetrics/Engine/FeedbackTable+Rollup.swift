import Foundation

extension FeedbackTable {
    /// Keeps per-day counts by `dimension` for `measures` from now on, built from the rows held and
    /// then updated by every append: a query over whole local days that filters and groups only by
    /// that dimension (a location rollup also serves regions) or by day/week/month, and needs only
    /// these measures, sums days × codes instead of reading rows (``DayRollup``).
    public mutating func addRollup(_ dimension: GroupDimension, measures: TallyMeasures) {
        var rollup = DayRollup(dimension: dimension, measures: measures)
        let ids = rollupIds(dimension)
        for row in 0..<count {
            rollup.add(id: ids(row), day: day[row], nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
        }
        rollups.removeAll { $0.dimension == dimension }
        rollups.append(rollup)
    }

    /// The dimensions and measures the dashboard page asks for over whole days (its tables by
    /// location, service and channel, the KPI cards, the trend and the staff weak links).
    public mutating func addDashboardRollups() {
        addRollup(.location, measures: .all)
        addRollup(.service, measures: .all)
        addRollup(.channel, measures: .all)
        addRollup(.kind, measures: .all)
        addRollup(.staff, measures: .flags)
    }

    public var hasRollups: Bool { !rollups.isEmpty }

    /// Bytes the rollups hold (they grow with days × codes, not with records).
    public var rollupBytes: Int { rollups.reduce(0) { $0 + $1.bytes } }

    /// A row's id for a rollup's dimension.
    func rollupIds(_ dimension: GroupDimension) -> (Int) -> Int32 {
        switch dimension {
        case .location: { [location] in location[$0] }
        case .staff: { [staffColumn] in staffColumn[$0] }
        case .service: { [service] in service[$0] }
        case .channel: { [channel] in Int32(channel[$0]) }
        case .kind: { [kind] in Int32(kind[$0]) }
        default: preconditionFailure("no day rollup by \(dimension)")
        }
    }

    /// Counts a just-appended row into every rollup.
    mutating func addToRollups(row: Int) {
        for index in rollups.indices {
            let id: Int32
            switch rollups[index].dimension {
            case .location: id = location[row]
            case .staff: id = staffColumn[row]
            case .service: id = service[row]
            case .channel: id = Int32(channel[row])
            default: id = Int32(kind[row])
            }
            rollups[index].add(id: id, day: day[row], nps: nps[row], csat: csat[row], ces: ces[row], button: button[row])
        }
    }

    /// The query's groups and overall tally from a rollup, or nil when no rollup can answer it
    /// exactly (part days, a filter or grouping on another dimension, a measure not counted).
    func rollupTally(_ query: FeedbackQuery, filter: CompiledFilter) -> (groups: ScanGroups, overall: Tally)? {
        guard !rollups.isEmpty, let held = dayRange, let days = wholeDays(query, held: held) else { return nil }
        let candidates = rollups.filter { Self.rollup($0, answers: query) }
        guard let rollup = candidates.min(by: { $0.codeCount < $1.codeCount }) else { return nil }
        let width = rollup.layout.width
        // Which code slots pass the filter on the rollup's dimension.
        let mask: [Bool]? = switch rollup.dimension {
        case .location: filter.locations
        case .staff: filter.staff
        case .service: filter.services
        case .channel: filter.channels
        default: filter.kinds
        }
        let codes = (0..<rollup.codeCount).filter { slot in
            guard let mask else { return true }
            let id = slot - rollup.bias
            return id >= 0 && id < mask.count && mask[id]
        }
        // A cell = (part from the code) + (part from the day), each grouped dimension depending on one of them.
        var spaces: [GroupKeyer.KeySpace] = []
        var codePart = [Int](repeating: 0, count: rollup.codeCount)
        var dayPart = [Int](repeating: 0, count: days.count)
        var cells = 1
        for dimension in query.groupBy.reversed() {
            let space: GroupKeyer.KeySpace
            if dimension.isTime {
                let keys = days.map { Self.timeKey(dimension, day: $0) }
                let (first, last) = (keys.first ?? 0, keys.last ?? 0)
                let divisor = dimension == .week ? 7 : 1
                space = GroupKeyer.KeySpace(offset: Int(first), divisor: divisor, count: Int(last - first) / divisor + 1)
                for (index, key) in keys.enumerated() { dayPart[index] += (Int(key - first) / divisor) * cells }
            } else if dimension == .region {
                space = GroupKeyer.KeySpace(offset: -1, divisor: 1, count: regions.count + 1)
                for slot in 0..<rollup.codeCount {
                    let id = slot - 1
                    let region = id >= 0 && id < regionOfLocation.count ? Int(regionOfLocation[id]) : -1
                    codePart[slot] += (region + 1) * cells
                }
            } else {
                space = GroupKeyer.KeySpace(offset: -rollup.bias, divisor: 1, count: rollup.codeCount)
                for slot in 0..<rollup.codeCount { codePart[slot] += slot * cells }
            }
            spaces.insert(space, at: 0)
            cells *= space.count
        }
        guard cells * width <= Self.maximumDenseSlots else { return nil }
        var sums = [Int](repeating: 0, count: cells * width)
        let first = days.lowerBound
        rollup.sum(days: days, codes: codes, into: &sums) { day, slot in dayPart[Int(day - first)] + codePart[slot] }
        let tallies = sums.withUnsafeBufferPointer { sums in
            (0..<cells).map { cell in
                Tally(slots: UnsafeBufferPointer(rebasing: sums[(cell * width)..<((cell + 1) * width)]), layout: rollup.layout, measures: query.measures)
            }
        }
        return Self.collect(tallies, spaces: spaces, grouped: !query.groupBy.isEmpty)
    }

    /// Whether a rollup holds what the query filters, groups and counts.
    static func rollup(_ rollup: DayRollup, answers query: FeedbackQuery) -> Bool {
        let dimension = rollup.dimension
        // Rollups count codes per day, not customers: a customer filter (a segment) reads the rows.
        guard rollup.measures.isSuperset(of: query.measures), query.customers == nil else { return false }
        let filtered: [(Bool, GroupDimension)] = [
            (!query.locations.isEmpty || !query.regions.isEmpty, .location), (!query.staff.isEmpty, .staff),
            (!query.services.isEmpty, .service), (!query.channels.isEmpty, .channel), (!query.kinds.isEmpty, .kind),
        ]
        guard filtered.allSatisfy({ !$0.0 || $0.1 == dimension }) else { return false }
        return query.groupBy.allSatisfy { $0.isTime || $0 == dimension || ($0 == .region && dimension == .location) }
    }

    static func timeKey(_ dimension: GroupDimension, day: Int32) -> Int32 {
        switch dimension {
        case .week: LocalCalendar.weekStart(of: day)
        case .month: LocalCalendar.monthIndex(of: day)
        default: day
        }
    }

    /// The local days a query's time range covers when it starts and ends at local midnights (the
    /// rows it selects by time are then exactly the rows of those days), else nil. Nil also when the
    /// zone ever moves clocks back across midnight within the rows held: days would not follow time.
    func wholeDays(_ query: FeedbackQuery, held: ClosedRange<Int32>) -> ClosedRange<Int32>? {
        var offsets = UTCOffsetCache(timeZone: timeZone)
        func localDay(_ milliseconds: Int64) -> Int32 {
            offsets.localDayAndHour(of: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)).day
        }
        var low = held.lowerBound, high = held.upperBound
        if let from = query.from {
            let start = Int64((from.timeIntervalSince1970 * 1000).rounded(.up))
            guard localDay(start - 1) < localDay(start) else { return nil }
            low = max(low, localDay(start))
        }
        if let to = query.to {
            let end = Int64((to.timeIntervalSince1970 * 1000).rounded(.up))
            guard localDay(end - 1) < localDay(end) else { return nil }
            high = min(high, localDay(end) - 1)
        }
        guard low <= high, daysFollowTime(localDay) else { return nil }
        return low...high
    }

    /// Whether no clock change within the rows held moves local time back over midnight.
    private func daysFollowTime(_ localDay: (Int64) -> Int32) -> Bool {
        guard let span = zones.span else { return true }
        var moment = Date(timeIntervalSince1970: TimeInterval(span.lowerBound) / 1000)
        let end = Date(timeIntervalSince1970: TimeInterval(span.upperBound) / 1000)
        while let change = timeZone.nextDaylightSavingTimeTransition(after: moment), change <= end {
            // Offsets are taken per whole hour: check the hour the change falls in and the next.
            let hour = Int64((change.timeIntervalSince1970 / 3600).rounded(.down)) * 3_600_000
            for boundary in [hour, hour + 3_600_000] where localDay(boundary - 1) > localDay(boundary) {
                return false
            }
            moment = change
        }
        return true
    }
}
