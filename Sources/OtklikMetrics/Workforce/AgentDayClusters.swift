/// The agent-day clusters of an agent-state scan in flat arrays, one slot per agent code and day of the table's day
/// range (slot = agent × days + day − first day): the handling and base seconds summed and whether any interval was
/// counted. Written through plain pointers (no bounds or uniqueness check a row); each part of a scan has its own.
/// Used while the table's agents × days fit ``maximumSlots``.
final class AgentDayClusters {
    let slots: Int
    let handle: UnsafeMutablePointer<Double>
    let base: UnsafeMutablePointer<Double>
    let counted: UnsafeMutablePointer<Bool>

    /// The most slots held (16 MiB of sums a part).
    static let maximumSlots = 1 << 20

    static func fits(agents: Int, days: Int) -> Bool { agents * days <= maximumSlots }

    init(slots: Int) {
        self.slots = slots
        handle = .allocate(capacity: max(1, slots))
        base = .allocate(capacity: max(1, slots))
        counted = .allocate(capacity: max(1, slots))
        handle.initialize(repeating: 0, count: slots)
        base.initialize(repeating: 0, count: slots)
        counted.initialize(repeating: false, count: slots)
    }

    deinit {
        handle.deallocate()
        base.deallocate()
        counted.deallocate()
    }

    @inline(__always)
    func add(_ slot: Int, handle seconds: Double, base baseSeconds: Double) {
        handle[slot] += seconds
        base[slot] += baseSeconds
        counted[slot] = true
    }

    /// Adds another part's sums, slot by slot.
    func merge(_ other: AgentDayClusters) {
        for slot in 0..<slots where other.counted[slot] {
            add(slot, handle: other.handle[slot], base: other.base[slot])
        }
    }
}
