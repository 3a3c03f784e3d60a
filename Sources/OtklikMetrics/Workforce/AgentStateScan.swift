import OtklikCore

/// One occupancy or utilisation scan of an ``AgentStateTable``: each interval starting in the period and passing the
/// agent filter is summed into its agent-day cluster, the rows split across threads (``RowParts``) and the parts added
/// up. When every dimension is one of the agent-day's (agent, day, week, month) and the agents × days fit
/// ``AgentDayClusters``, the clusters are summed in flat arrays and given to their groups afterwards; otherwise
/// (by hour, which splits an agent-day) each group keeps its clusters in a hash map.
struct AgentStateScan {
    typealias Sums = (handle: Double, base: Double)

    let table: AgentStateTable
    let metric: AgentMetric
    let query: ProcessQuery
    let options: ScanOptions

    /// The groups with a counted interval (labels, their clusters), the overall clusters and the hours counted.
    func run() -> (groups: [(labels: [String], clusters: [Sums])], overall: [Sums], hours: Double) {
        let keys = query.dimensions.map { CallKey($0, columns: table.keyColumns, regionOfLocation: [:]) }
        let days = table.keyColumns.dayCount
        let byAgentDay = query.dimensions.allSatisfy { [.agent, .day, .week, .month].contains($0) }
        if byAgentDay && AgentDayClusters.fits(agents: table.agents.count, days: days) { return flat(keys, days: days) }
        return hashed(keys, days: days)
    }

    /// Calls `body` with each counted row's cluster and sums, over the part's rows: the columns read through plain
    /// pointers, the start not read when the query has no period, and an interval's share of the numerator and the base
    /// its seconds times its state's weight (1 or 0; seconds are finite and positive, so the product is the seconds or 0)
    /// rather than a switch on the state.
    @inline(__always)
    private func forEachCounted(_ rows: Range<Int>, _ masks: CallMasks, days: Int, _ body: (Int, Int, Double, Double) -> Void) -> Double {
        let firstDay = Int(table.dayRange?.lowerBound ?? 0)
        let weights = AgentState.allCases.map { metric.contribution($0, seconds: 1) }
        let handleWeight = weights.map(\.handle), baseWeight = weights.map(\.base)
        var hours = 0.0
        withExtendedLifetime((table, masks)) {
            handleWeight.withUnsafeBufferPointer { handleWeight in
                baseWeight.withUnsafeBufferPointer { baseWeight in
                    let start = masks.timed ? table.start.base : nil, (from, to) = (masks.from, masks.to)
                    let agentMask = masks.agents?.base
                    let agent = table.agent.base, day = table.day.base, state = table.state.base, seconds = table.seconds.base
                    for row in rows {
                        if let start {
                            let moment = start[row]
                            guard moment >= from && moment < to else { continue }
                        }
                        if let agentMask, agentMask[Int(agent[row]) &+ 1] == 0 { continue }
                        let length = seconds[row], kind = Int(state[row])
                        hours += length / 3600
                        body(row, Int(agent[row]) &* days &+ Int(day[row]) &- firstDay, length * handleWeight[kind], length * baseWeight[kind])
                    }
                }
            }
        }
        return hours
    }

    private var masks: CallMasks {
        CallMasks(query, queues: CodeDictionary(), agents: table.agents, locations: CodeDictionary(), services: CodeDictionary(), regionOfLocation: [:])
    }

    /// The clusters in flat arrays, then each counted cluster given to its group by its agent and day.
    private func flat(_ keys: [CallKey], days: Int) -> (groups: [(labels: [String], clusters: [Sums])], overall: [Sums], hours: Double) {
        let masks = self.masks
        let slots = table.agents.count * days
        let parts = RowParts.map(rows: masks.isEmpty ? 0 : table.count, options: options) { rows in
            let clusters = AgentDayClusters(slots: slots)
            let hours = forEachCounted(rows, masks, days: days) { _, slot, handle, base in clusters.add(slot, handle: handle, base: base) }
            return (clusters: clusters, hours: hours)
        }
        let clusters = parts[0].clusters
        for part in parts.dropFirst() { clusters.merge(part.clusters) }
        let firstDay = Int(table.dayRange?.lowerBound ?? 0)
        let stride = keys.count == 2 ? keys[1].count : 1
        let byAgent = query.dimensions.map { $0 == .agent }
        // Each counted cluster goes to its group's list by the group's dense index (agents × days cells at most).
        var overall: [Sums] = []
        var cells = [[Sums]](repeating: [], count: keys.isEmpty ? 0 : keys.reduce(1) { $0 * $1.count })
        for slot in 0..<slots where clusters.counted[slot] {
            let sums = (handle: clusters.handle[slot], base: clusters.base[slot])
            overall.append(sums)
            guard !keys.isEmpty else { continue }
            let agent = slot / days, day = firstDay + slot % days
            let first = keys[0].index(value: byAgent[0] ? agent : day)
            let cell = keys.count == 1 ? first : first * stride + keys[1].index(value: byAgent[1] ? agent : day)
            cells[cell].append(sums)
        }
        let groups = cells.indices.filter { !cells[$0].isEmpty }.map { cell in
            (labels: keys.count == 1 ? [keys[0].labels[cell]] : [keys[0].labels[cell / stride], keys[1].labels[cell % stride]], clusters: cells[cell])
        }
        return (groups, overall, parts.reduce(0) { $0 + $1.hours })
    }

    /// Each group's clusters in a hash map (``ProcessCells``), the overall clusters in another.
    private func hashed(_ keys: [CallKey], days: Int) -> (groups: [(labels: [String], clusters: [Sums])], overall: [Sums], hours: Double) {
        typealias Clusters = [Int: Sums]
        let masks = self.masks
        let parts = RowParts.map(rows: masks.isEmpty ? 0 : table.count, options: options) { rows in
            var cells = ProcessCells<Clusters>(keys, denseLimit: options.denseLimit, empty: [:])
            var overall: Clusters = [:]
            let hours = forEachCounted(rows, masks, days: days) { row, cluster, handle, base in
                overall[cluster, default: (0, 0)].handle += handle
                overall[cluster, default: (0, 0)].base += base
                guard !keys.isEmpty else { return }
                cells.update(row) { clusters in
                    clusters[cluster, default: (0, 0)].handle += handle
                    clusters[cluster, default: (0, 0)].base += base
                }
            }
            return (cells: cells, overall: overall, hours: hours)
        }
        func add(_ into: inout Clusters, _ other: Clusters) {
            into.merge(other) { (handle: $0.handle + $1.handle, base: $0.base + $1.base) }
        }
        var cells = parts[0].cells, overall = parts[0].overall
        for part in parts.dropFirst() {
            cells.merge(part.cells, add)
            add(&overall, part.overall)
        }
        let groups = cells.occurring { !$0.isEmpty }.map { (labels: $0.labels, clusters: Array($0.tally.values)) }
        return (groups, Array(overall.values), parts.reduce(0) { $0 + $1.hours })
    }
}
