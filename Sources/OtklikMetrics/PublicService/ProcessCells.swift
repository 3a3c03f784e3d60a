/// The group tallies of one public-service scan: a row's group is a small integer cell from its ``CallKey``s
/// (flat arrays while the key space is small, a hash map of the cells that occur otherwise), turned into labels
/// once per group at the end.
struct ProcessCells {
    let keys: [CallKey]
    private let stride: Int
    private let dense: Bool
    private(set) var tallies: [CountTally<Int32>]
    private var slotOfCell: [Int: Int] = [:]
    private var cellOfSlot: [Int] = []

    /// The largest key space held in flat arrays (a tally is 40 bytes).
    static let maximumDenseCells = 65_536

    /// Groups by `keys`: in flat arrays when their key space has at most `denseLimit` cells (and at most
    /// ``maximumDenseCells``), else in a hash map.
    init(_ keys: [CallKey], denseLimit: Int) {
        self.keys = keys
        let cells = keys.reduce(1) { $0 * $1.count }
        stride = keys.count == 2 ? keys[1].count : 1
        dense = cells <= min(denseLimit, Self.maximumDenseCells)
        tallies = dense ? Array(repeating: CountTally(), count: cells) : []
    }

    /// Counts a row's outcome in its group.
    mutating func add(_ row: Int, success: Bool) { tallies[slot(row)].add(success: success) }

    /// Counts a row's value in its group.
    mutating func add(_ row: Int, value: Double) { tallies[slot(row)].add(value: value) }

    /// Counts a row's user (a code) in its group.
    mutating func add(_ row: Int, user: Int32) { tallies[slot(row)].users.insert(user) }

    /// The tally of a row's group.
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
        tallies.append(CountTally())
        return tallies.count - 1
    }

    /// The groups some row was counted in, with their labels (one per key).
    var occurring: [(labels: [String], tally: CountTally<Int32>)] {
        tallies.indices.compactMap { slot in
            let tally = tallies[slot]
            guard tally.n > 0 || !tally.users.isEmpty else { return nil }
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
