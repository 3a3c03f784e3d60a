/// Recent query results with the rows they cover. Rows are only ever appended and tallies are sums,
/// so a query asked again after new records arrived scans just the new rows and adds them: a
/// dashboard viewed again (by anyone) costs what arrived since, not the whole history.
///
/// Whatever changes held rows' meaning (a location moved to another region, the table rebuilt)
/// must call ``removeAll()``.
public struct TallyCache: Sendable {
    struct Entry: Sendable {
        var rows: Int
        var result: GroupedTallies
        var lastUse: Int
    }

    public let capacity: Int
    private var entries: [FeedbackQuery: Entry] = [:]
    private var clock = 0

    public init(capacity: Int = 32) {
        self.capacity = capacity
    }

    public var count: Int { entries.count }

    /// The query's result over every row of `table`, from the remembered result plus the rows since.
    public mutating func tally(_ query: FeedbackQuery, in table: FeedbackTable, options: ScanOptions = .default) -> GroupedTallies {
        clock += 1
        if var entry = entries[query], entry.rows <= table.count {
            if entry.rows < table.count {
                entry.result = entry.result.adding(table.tally(query, rows: entry.rows..<table.count, options: options))
                entry.rows = table.count
            }
            entry.lastUse = clock
            entries[query] = entry
            return entry.result
        }
        let result = table.tally(query, options: options)
        if entries.count >= capacity, let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse })?.key {
            entries[oldest] = nil
        }
        entries[query] = Entry(rows: table.count, result: result, lastUse: clock)
        return result
    }

    public mutating func removeAll() {
        entries.removeAll()
    }
}

extension GroupedTallies {
    /// The tallies of two disjoint sets of rows under the same query, added group by group.
    ///
    /// Both lists are sorted by key, so they are merged in one pass (a key in both is added once); a dashboard's
    /// location × day query over a year has 78,000 groups, and hashing and re-sorting their label arrays on every
    /// top-up was a sixth of a warm page's time.
    func adding(_ other: GroupedTallies) -> GroupedTallies {
        guard !other.groups.isEmpty || other.overall.count > 0 else { return self }
        var merged: [Group] = []
        merged.reserveCapacity(groups.count + other.groups.count)
        var (mine, theirs) = (groups.makeIterator(), other.groups.makeIterator())
        var (next, nextOther) = (mine.next(), theirs.next())
        while next != nil || nextOther != nil {
            let group: Group
            if let candidate = next, nextOther.map({ !$0.key.lexicographicallyPrecedes(candidate.key) }) ?? true {
                group = candidate
                next = mine.next()
            } else {
                group = nextOther!
                nextOther = theirs.next()
            }
            if let last = merged.last, last.key == group.key {
                merged[merged.count - 1].tally.merge(group.tally)
            } else {
                merged.append(group)
            }
        }
        var overall = self.overall
        overall.merge(other.overall)
        return GroupedTallies(dimensions: dimensions, groups: merged, overall: overall)
    }
}
