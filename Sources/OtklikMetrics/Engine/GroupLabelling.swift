/// Turns a scan's groups (``ScanGroups``: each group's slot in each dimension's key space) into labelled groups in
/// label order. A dimension with a code dictionary is labelled and ranked straight from the dictionary's codes and the
/// ranks it keeps for its sorted order (``CodeDictionary/sortedRanks()``, sorted once for each of its states); other
/// dimensions (days, weeks, months, channels, kinds) label each slot present once and sort those labels only when slot
/// order is not already their order (``DimensionLabels``). The groups are then placed in rank order by counting (ranks
/// span about as many values as there are groups) or, for wide ranks, sorted as one packed integer each: the fixed
/// cost of a report with thousands of groups (2,000 staff, 6,000 location × service pairs) is a few passes over
/// arrays, with no hash map and no sort of labels.
struct GroupLabelling {
    let keyers: [GroupKeyer]
    let table: FeedbackTable

    func labelled(_ groups: ScanGroups) -> [GroupedTallies.Group] {
        let dimensions = keyers.count
        guard dimensions > 0 else { return groups.tallies.map { GroupedTallies.Group(key: [], tally: $0) } }
        precondition(dimensions <= 2 && groups.spaces.count == dimensions, "a query groups by at most two dimensions")
        let labels = (0..<dimensions).map { DimensionLabels(groups.slots[$0], keyer: keyers[$0], space: groups.spaces[$0], table: table) }
        let first = groups.slots[0], tallies = groups.tallies
        if dimensions == 1 {
            let ranks = first.map { labels[0].rank(Int($0)) }
            return Self.order(ranks: ranks, range: labels[0].rankCount).map { entry in
                GroupedTallies.Group(key: [labels[0].label(Int(first[entry]))], tally: tallies[entry])
            }
        }
        let second = groups.slots[1]
        let (range, overflow) = labels[0].rankCount.multipliedReportingOverflow(by: labels[1].rankCount)
        let order: [Int]
        if overflow {
            order = Self.order(first.indices.map { UInt64(labels[0].rank(Int(first[$0]))) << 32 | UInt64(labels[1].rank(Int(second[$0]))) })
        } else {
            order = Self.order(ranks: first.indices.map { labels[0].rank(Int(first[$0])) * labels[1].rankCount + labels[1].rank(Int(second[$0])) }, range: range)
        }
        return order.map { entry in
            GroupedTallies.Group(key: [labels[0].label(Int(first[entry])), labels[1].label(Int(second[entry]))], tally: tallies[entry])
        }
    }

    /// The entries' indexes in the order of their ranks (each in `0..<range`), equal ranks in entry order. Ranks that
    /// span not many more values than there are entries are placed by counting, in two passes; wider ones are sorted.
    static func order(ranks: [Int], range: Int) -> [Int] {
        guard range <= 4 * ranks.count + 1_024 else { return order(ranks.map { UInt64($0) }) }
        var next = [Int](repeating: 0, count: range + 1)
        for rank in ranks { next[rank + 1] += 1 }
        for rank in 0..<range { next[rank + 1] += next[rank] }
        var order = [Int](repeating: 0, count: ranks.count)
        for (entry, rank) in ranks.enumerated() {
            order[next[rank]] = entry
            next[rank] += 1
        }
        return order
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

/// One dimension's label and rank for each slot of its key space; ranks compare as the labels do (equal labels, equal
/// ranks). For a dimension with a code dictionary both come from the dictionary itself (its codes, and the ranks it
/// keeps), with nothing built per report: a slot's code is `codes[slot − bias]`, and a slot with no code (−1) is
/// labelled "" and ranked 0, before every code. Other dimensions have their present slots labelled once here.
struct DimensionLabels {
    /// Labels and ranks by code (slot − bias); a slot outside them is labelled "" and ranked 0.
    private let labels: [String]
    private let ranks: [Int32]
    private let bias: Int
    /// Ranks lie in `0..<rankCount`.
    var rankCount: Int { ranks.count + 1 }

    init(_ present: [Int32], keyer: GroupKeyer, space: GroupKeyer.KeySpace, table: FeedbackTable) {
        if let dictionary = keyer.dictionary(table), space.divisor == 1 {
            (labels, ranks, bias) = (dictionary.codes, dictionary.sortedRanks(), -space.offset)
            return
        }
        var wanted = [Bool](repeating: false, count: space.count)
        for slot in present { wanted[Int(slot)] = true }
        var labels = [String](repeating: "", count: space.count)
        for slot in 0..<space.count where wanted[slot] { labels[slot] = keyer.label(space.key(at: slot), table) }
        (self.labels, ranks, bias) = (labels, Self.ranks(of: labels, wanted: wanted), 0)
    }

    @inline(__always) func label(_ slot: Int) -> String {
        let code = slot - bias
        return code >= 0 && code < labels.count ? labels[code] : ""
    }

    @inline(__always) func rank(_ slot: Int) -> Int {
        let code = slot - bias
        return code >= 0 && code < ranks.count ? Int(ranks[code]) + 1 : 0
    }

    /// Ranks of the wanted slots' labels, by sorting them unless they are in order already (days and months in slot
    /// order are).
    private static func ranks(of labels: [String], wanted: [Bool]) -> [Int32] {
        var order = labels.indices.filter { wanted[$0] }
        if zip(order, order.dropFirst()).contains(where: { labels[$0] > labels[$1] }) { order.sort { labels[$0] < labels[$1] } }
        var ranks = [Int32](repeating: 0, count: labels.count)
        var rank = 0
        for (position, slot) in order.enumerated() {
            if position > 0 && labels[slot] != labels[order[position - 1]] { rank = position }
            ranks[slot] = Int32(rank)
        }
        return ranks
    }
}
