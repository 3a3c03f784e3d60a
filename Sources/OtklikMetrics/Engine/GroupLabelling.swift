/// Turns a scan's groups, keyed by their packed dimension keys (``GroupKeyPacking``), into labelled groups in
/// label order. Each dimension's distinct keys are labelled once and ranked in the labels' order, so sorting compares
/// small integers instead of arrays of strings: the same order as comparing the label arrays, at a fraction of the cost
/// for thousands of groups (a location × service query has 6,000).
struct GroupLabelling {
    let keyers: [GroupKeyer]
    let table: FeedbackTable

    func labelled(_ groups: [Int64: Tally]) -> [GroupedTallies.Group] {
        let dimensions = keyers.count
        let entries = Array(groups)
        guard dimensions > 0 else { return entries.map { GroupedTallies.Group(key: [], tally: $0.value) } }
        var labels: [[Int32: String]] = [], ranks: [[Int32: Int]] = []
        for dimension in 0..<dimensions {
            let distinct = Set(entries.map { GroupKeyPacking.key($0.key, dimension, of: dimensions) })
            let named = distinct.map { ($0, keyers[dimension].label($0, table)) }.sorted { $0.1 < $1.1 }
            var rankOfKey = [Int32: Int](minimumCapacity: named.count)
            var rank = 0
            for (index, (key, label)) in named.enumerated() {
                if index > 0 && label != named[index - 1].1 { rank = index }  // equal labels share a rank
                rankOfKey[key] = rank
            }
            labels.append(Dictionary(uniqueKeysWithValues: named))
            ranks.append(rankOfKey)
        }
        var rankTable = [Int](repeating: 0, count: entries.count * dimensions)
        for (index, entry) in entries.enumerated() {
            for dimension in 0..<dimensions { rankTable[index * dimensions + dimension] = ranks[dimension][GroupKeyPacking.key(entry.key, dimension, of: dimensions)]! }
        }
        let order = rankTable.withUnsafeBufferPointer { rank in
            entries.indices.sorted { a, b in
                for dimension in 0..<dimensions where rank[a * dimensions + dimension] != rank[b * dimensions + dimension] {
                    return rank[a * dimensions + dimension] < rank[b * dimensions + dimension]
                }
                return false
            }
        }
        return order.map { index in
            let packed = entries[index].key
            return GroupedTallies.Group(key: (0..<dimensions).map { labels[$0][GroupKeyPacking.key(packed, $0, of: dimensions)]! }, tally: entries[index].value)
        }
    }
}
