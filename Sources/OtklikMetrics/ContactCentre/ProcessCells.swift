/// The group tallies of one process scan (public services, agent states): a row's group is a small integer cell from
/// its ``CallKey``s (flat arrays while the key space is small, a hash map of the cells that occur otherwise), turned
/// into labels once per group at the end.
struct ProcessCells<Tally> {
    let keys: [CallKey]
    private let stride: Int
    private let dense: Bool
    private let empty: Tally
    private var tallies: [Tally]
    private var slotOfCell: [Int: Int] = [:]
    private var cellOfSlot: [Int] = []

    /// The largest key space held in flat arrays.
    static var maximumDenseCells: Int { 65_536 }

    /// Groups by `keys`, each group starting from `empty`: in flat arrays when their key space has at most
    /// `denseLimit` cells (and at most ``maximumDenseCells``), else in a hash map.
    init(_ keys: [CallKey], denseLimit: Int, empty: Tally) {
        self.keys = keys
        self.empty = empty
        let cells = keys.reduce(1) { $0 * $1.count }
        stride = keys.count == 2 ? keys[1].count : 1
        dense = cells <= min(denseLimit, Self.maximumDenseCells)
        tallies = dense ? Array(repeating: empty, count: cells) : []
    }

    /// Counts a row into its group's tally.
    @inline(__always)
    mutating func update(_ row: Int, _ body: (inout Tally) -> Void) {
        body(&tallies[slot(row)])
    }

    @inline(__always)
    private mutating func slot(_ row: Int) -> Int {
        let cell = switch keys.count {
        case 0: 0
        case 1: keys[0].index(row)
        default: keys[0].index(row) * stride + keys[1].index(row)
        }
        if dense { return cell }
        if let slot = slotOfCell[cell] { return slot }
        slotOfCell[cell] = tallies.count
        cellOfSlot.append(cell)
        tallies.append(empty)
        return tallies.count - 1
    }

    /// Calls `body` with the tally of each row of `rows` that passes `test`, and the row. In flat arrays the rows that
    /// pass are listed a block at a time (``RowSelection``), their cells listed next in a loop compiled for the key shape
    /// (``Swift/Array/withCellKey(_:)``, ``CellListing``: no key array or optional column tested a row), and then `body`
    /// is called for each; a key space held in the hash map is counted row by row through it.
    @inline(__always)
    mutating func count<Test: RowTest>(_ rows: Range<Int>, passing test: Test, _ body: (inout Tally, Int) -> Void) {
        guard dense else {
            RowSelection.forEachRow(of: rows, passing: test) { row in update(row) { body(&$0, row) } }
            return
        }
        let keys = self.keys
        let selection = RowSelection()
        let cells = UnsafeMutablePointer<Int>.allocate(capacity: RowSelection.blockRows)
        defer {
            selection.deallocate()
            cells.deallocate()
        }
        withExtendedLifetime(keys) {
            tallies.withUnsafeMutableBufferPointer { buffer in
                let tallies = buffer.baseAddress!
                selection.forEachBlock(of: rows, passing: test) { kept in
                    keys.withCellKey(CellListing(rows: kept, cells: cells))
                    for index in 0..<kept.count { body(&tallies[cells[index]], kept[index]) }
                }
            }
        }
    }

    /// Adds the groups of another part of the same scan (cells made with the same keys), each into this part's
    /// group of the same cell with `combine`.
    mutating func merge(_ other: ProcessCells, _ combine: (inout Tally, Tally) -> Void) {
        if dense {
            for slot in tallies.indices { combine(&tallies[slot], other.tallies[slot]) }
            return
        }
        for (otherSlot, cell) in other.cellOfSlot.enumerated() {
            if let slot = slotOfCell[cell] {
                combine(&tallies[slot], other.tallies[otherSlot])
            } else {
                slotOfCell[cell] = tallies.count
                cellOfSlot.append(cell)
                tallies.append(other.tallies[otherSlot])
            }
        }
    }

    /// The groups some row was counted in (`counted` says which), with their labels (one per key).
    func occurring(_ counted: (Tally) -> Bool) -> [(labels: [String], tally: Tally)] {
        tallies.indices.compactMap { slot in
            let tally = tallies[slot]
            guard counted(tally) else { return nil }
            let cell = dense ? slot : cellOfSlot[slot]
            let labels = switch keys.count {
            case 0: [String]()
            case 1: [keys[0].labels[cell]]
            default: [keys[0].labels[cell / stride], keys[1].labels[cell % stride]]
            }
            return (labels, tally)
        }
    }
}

extension ProcessCells where Tally == CodeTally {
    init(_ keys: [CallKey], denseLimit: Int) {
        self.init(keys, denseLimit: denseLimit, empty: CodeTally())
    }

    /// Counts a row's outcome in its group.
    @inline(__always)
    mutating func add(_ row: Int, success: Bool) { update(row) { $0.add(success: success) } }

    /// Counts a row's value in its group.
    @inline(__always)
    mutating func add(_ row: Int, value: Double) { update(row) { $0.add(value: value) } }

    /// Adds the counts of rows tallied outside the cells to the one group of a scan without dimensions.
    mutating func add(_ tally: CodeTally) {
        precondition(keys.isEmpty, "only a scan without dimensions has one group")
        update(0) { $0.merge(tally) }
    }

    /// Counts a row's user (a code) in its group.
    mutating func add(_ row: Int, user: Int32) { update(row) { $0.users.add(user) } }

    /// The cells of the scan's parts (``RowParts``) as one, merged in row order.
    static func merged(_ parts: [ProcessCells]) -> ProcessCells {
        var cells = parts[0]
        for part in parts.dropFirst() { cells.merge(part) { $0.merge($1) } }
        return cells
    }

    /// The groups with a row counted.
    var occurring: [(labels: [String], tally: CodeTally)] { occurring { $0.n > 0 || !$0.users.isEmpty } }
}

/// The cells of a block's rows (``ProcessCells/count(_:passing:_:)``), listed once the key's type is known.
private struct CellListing: CellKeyBody {
    let rows: UnsafeBufferPointer<Int>
    let cells: UnsafeMutablePointer<Int>

    @inline(__always) func callAsFunction<Key: CellKey>(_ key: Key) {
        for (index, row) in rows.enumerated() { cells[index] = key.cell(row) }
    }
}
