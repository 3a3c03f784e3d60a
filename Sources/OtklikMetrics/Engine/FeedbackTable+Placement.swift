extension FeedbackTable {
    /// A grouping by location and staff member (in either order) while every staff member's rows are at one location
    /// (``StaffPlacement``): one dense pass whose staff key is the member's rank at their location, so the cells are the
    /// locations × the most staff at one location instead of the locations × every staff member (201 × 1,601 at 200
    /// locations of 8: more than a dense scan holds, so the rows were listed and counted into a hash map). Nil for another
    /// grouping, once a staff member has rows at two locations, or when even these cells exceed the dense limits.
    func placedTally(_ query: FeedbackQuery, filter: CompiledFilter, rows wanted: Range<Int>, options: ScanOptions) -> (groups: [Int64: Tally], overall: Tally)? {
        guard query.groupBy.count == 2, Set(query.groupBy) == [.location, .staff],
            let ranks = placement.ranks(locationCount: locations.count)
        else { return nil }
        let locationSpace = GroupKeyer(dimension: .location).space(self)
        let locationKey = KeySource(.location, table: self, space: locationSpace)
        var staffKey = KeySource(.staff, table: self, space: GroupKeyer(dimension: .staff).space(self))
        staffKey.lookup = Column(ranks.lookup)
        staffKey.count = ranks.count
        let cells = locationSpace.count * ranks.count
        guard cells <= options.denseLimit && cells * query.measures.layout.width <= Self.maximumDenseSlots else { return nil }
        let locationFirst = query.groupBy[0] == .location
        let scan = DenseScan(
            table: self, runs: zones.runs(from: filter.from, to: filter.to, within: wanted), filter: RowMasks(filter),
            keys: locationFirst ? [locationKey, staffKey] : [staffKey, locationKey], measures: query.measures, cells: cells)
        var groups: [Int64: Tally] = [:]
        var overall = Tally()
        for (cell, tally) in scan.run(options).enumerated() where tally.count > 0 {
            overall.merge(tally)
            let (slot, rank) = locationFirst ? (cell / ranks.count, cell % ranks.count) : (cell % locationSpace.count, cell / locationSpace.count)
            let (location, staff) = (Int32(slot - 1), ranks.staff(slot: slot, rank: rank))
            let (first, second) = locationFirst ? (location, staff) : (staff, location)
            groups[GroupKeyPacking.appending(second, to: GroupKeyPacking.appending(first, to: 0))] = tally
        }
        return (groups, overall)
    }
}
