/// A scan's groups before they are labelled: for each grouped dimension, each group's slot in that dimension's key
/// space (``GroupKeyer/KeySpace``: key = offset + divisor·slot), beside the group's tally. The dense scan and the day
/// rollups hand on their non-empty cells this way, in cell order and without a hash map; the sparse scan's hash map of
/// packed keys (``GroupKeyPacking``) is turned into it. ``GroupLabelling`` labels and orders the groups.
struct ScanGroups {
    let spaces: [GroupKeyer.KeySpace]
    /// One array per dimension: each group's slot in that dimension's space.
    private(set) var slots: [[Int32]]
    private(set) var tallies: [Tally] = []

    init(spaces: [GroupKeyer.KeySpace], capacity: Int = 0) {
        self.spaces = spaces
        slots = spaces.map { _ in
            var column = [Int32]()
            column.reserveCapacity(capacity)
            return column
        }
        tallies.reserveCapacity(capacity)
    }

    /// The groups of a hash map keyed by packed dimension keys, each key in its dimension's space.
    init(_ groups: [Int64: Tally], spaces: [GroupKeyer.KeySpace]) {
        self.init(spaces: spaces, capacity: groups.count)
        for (packed, tally) in groups {
            for (dimension, space) in spaces.enumerated() {
                slots[dimension].append(space.slot(of: GroupKeyPacking.key(packed, dimension, of: spaces.count)))
            }
            tallies.append(tally)
        }
    }

    var count: Int { tallies.count }

    /// The groups of a dense array of cells (cell = Σ slot·stride, the last dimension fastest) that counted a record,
    /// in cell order.
    init(cells: [Tally], spaces: [GroupKeyer.KeySpace]) {
        self.init(spaces: spaces, capacity: cells.count { $0.count > 0 })
        var strides = [Int](repeating: 1, count: spaces.count)
        for index in spaces.indices.dropLast().reversed() { strides[index] = strides[index + 1] * spaces[index + 1].count }
        for (cell, tally) in cells.enumerated() where tally.count > 0 {
            for dimension in spaces.indices { slots[dimension].append(Int32(cell / strides[dimension] % spaces[dimension].count)) }
            tallies.append(tally)
        }
    }
}
