/// Turns a scan's groups, keyed by their packed dimension keys (``GroupKeyPacking``), into labelled groups in
/// label order. Each dimension's distinct keys are labelled once and given ranks that compare as their labels do: a
/// code dictionary's ranks are sorted once for each of its states and kept (``CodeDictionary/sortedRanks()``), other
/// labels (days, weeks, months, channels, kinds) are sorted only when key order is not already their order. Sorting the
/// groups then compares one integer each, and no hash map is built: the fixed cost of a report with thousands of groups
/// (2,000 staff, 6,000 location × service pairs) is a few passes over arrays.
struct GroupLabelling {
    let keyers: [GroupKeyer]
    let table: FeedbackTable

    func labelled(_ groups: [Int64: Tally]) -> [GroupedTallies.Group] {
        let dimensions = keyers.count
        guard dimensions > 0 else { return groups.map { GroupedTallies.Group(key: [], tally: $0.value) } }
        precondition(dimensions <= 2, "a query groups by at most two dimensions (GroupKeyPacking)")
        let entries = Array(groups)
        var sortKeys = [UInt64](repeating: 0, count: entries.count)
        var labelOfEntry: [[String]] = []
        for dimension in 0..<dimensions {
            let keys = entries.map { GroupKeyPacking.key($0.key, dimension, of: dimensions) }
            let ranked = RankedKeys(keys, keyer: keyers[dimension], table: table)
            var labels = [String]()
            labels.reserveCapacity(keys.count)
            for (entry, key) in keys.enumerated() {
                let slot = ranked.slot(of: key)
                sortKeys[entry] = sortKeys[entry] << 32 | UInt64(ranked.ranks[slot])
                labels.append(ranked.labels[slot])
            }
            labelOfEntry.append(labels)
        }
        return Self.order(sortKeys).map { entry in
            GroupedTallies.Group(key: dimensions == 1 ? [labelOfEntry[0][entry]] : labelOfEntry.map { $0[entry] }, tally: entries[entry].value)
        }
    }

    /// The entries' indexes in the order of their sort keys. When the keys leave room for an index in their 64 bits
    /// (a few thousand groups always do), key and index are sorted as one integer, without a comparison closure.
    static func order(_ sortKeys: [UInt64]) -> [Int] {
        let indexBits = UInt64(sortKeys.count).bitWidth - UInt64(sortKeys.count).leadingZeroBitCount
        guard (sortKeys.max() ?? 0) >> (64 - indexBits) == 0 else {
            return sortKeys.withUnsafeBufferPointer { sortKey in sortKeys.indices.sorted { sortKey[$0] < sortKey[$1] } }
        }
        var packed = sortKeys.enumerated().map { $1 << indexBits | UInt64($0) }
        packed.sort()
        let mask = UInt64(1) << indexBits - 1
        return packed.map { Int($0 & mask) }
    }
}

/// One dimension's distinct keys in ascending order, each with its label and a rank that compares as the labels do
/// (equal labels, equal ranks).
struct RankedKeys {
    let keys: [Int32]
    let labels: [String]
    let ranks: [UInt32]

    init(_ present: [Int32], keyer: GroupKeyer, table: FeedbackTable) {
        var keys = present.sorted()
        keys.removeSubrange(Self.uniqued(&keys)...)
        let labels = keys.map { keyer.label($0, table) }
        if let dictionary = keyer.dictionary(table) {
            // A missing code (−1) is labelled "", which sorts before every code.
            let ranks = dictionary.sortedRanks()
            self.ranks = keys.map { $0 >= 0 && Int($0) < ranks.count ? UInt32(ranks[Int($0)]) + 1 : 0 }
        } else {
            self.ranks = Self.ranks(of: labels)
        }
        (self.keys, self.labels) = (keys, labels)
    }

    /// Moves the distinct values of a sorted array to its front; returns where they end.
    private static func uniqued(_ sorted: inout [Int32]) -> Int {
        var end = 0
        for index in sorted.indices where index == 0 || sorted[index] != sorted[end - 1] {
            sorted[end] = sorted[index]
            end += 1
        }
        return end
    }

    /// Ranks of labels by sorting them, unless they are in order already (days and months in key order are).
    private static func ranks(of labels: [String]) -> [UInt32] {
        var order = Array(labels.indices)
        if zip(labels, labels.dropFirst()).contains(where: { $0 > $1 }) { order.sort { labels[$0] < labels[$1] } }
        var ranks = [UInt32](repeating: 0, count: labels.count)
        var rank = 0
        for (position, index) in order.enumerated() {
            if position > 0 && labels[index] != labels[order[position - 1]] { rank = position }
            ranks[index] = UInt32(rank)
        }
        return ranks
    }

    /// The position of a present key in ``keys`` (binary search).
    func slot(of key: Int32) -> Int {
        var (low, high) = (0, keys.count - 1)
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
