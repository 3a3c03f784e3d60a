/// The agent-day clusters of an agent-state scan in flat arrays, one slot per agent code and day of the table's day
/// range (slot = agent × days + day − first day): the handling and base seconds summed and whether any interval was
/// counted. Used while the table's agents × days fit ``maximumSlots``.
struct AgentDayClusters {
    private(set) var handle: [Double]
    private(set) var base: [Double]
    private(set) var counted: [Bool]

    /// The most slots held (16 MiB of sums a part).
    static let maximumSlots = 1 << 20

    static func fits(agents: Int, days: Int) -> Bool { agents * days <= maximumSlots }

    init(slots: Int) {
        handle = Array(repeating: 0, count: slots)
        base = Array(repeating: 0, count: slots)
        counted = Array(repeating: false, count: slots)
    }

    @inline(__always)
    mutating func add(_ slot: Int, handle seconds: Double, base baseSeconds: Double) {
        handle[slot] += seconds
        base[slot] += baseSeconds
        counted[slot] = true
    }

    /// Adds another part's sums, slot by slot.
    mutating func merge(_ other: AgentDayClusters) {
        for slot in handle.indices where other.counted[slot] {
            add(slot, handle: other.handle[slot], base: other.base[slot])
        }
    }
}
