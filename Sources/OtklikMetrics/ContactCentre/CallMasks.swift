import OtklikCore

/// A contact query's time range and filters resolved once into masks over codes, for the row loop: ids are
/// shifted by one so that "no value" (−1) reads mask[0], which is 0 (a missing value passes only an empty set,
/// as ``CallFilter`` says). The region filter is folded into the location mask.
struct CallMasks: Sendable {
    var from = -Double.infinity
    var to = Double.infinity
    var timed = false
    var queues: Column<UInt8>?
    var agents: Column<UInt8>?
    var locations: Column<UInt8>?
    var services: Column<UInt8>?
    var channels: Column<UInt8>?

    init(_ query: ProcessQuery, table: CallTable, regionOfLocation: [String: String]) {
        self.init(query, queues: table.queues, agents: table.agents, locations: table.locations, services: table.services, regionOfLocation: regionOfLocation)
    }

    /// The masks over any process table's dictionaries (a table without queues or agents passes empty ones).
    init(
        _ query: ProcessQuery, queues queueCodes: CodeDictionary, agents agentCodes: CodeDictionary, locations locationCodes: CodeDictionary,
        services serviceCodes: CodeDictionary, regionOfLocation: [String: String]
    ) {
        if let date = query.from { from = date.timeIntervalSinceReferenceDate; timed = true }
        if let date = query.to { to = date.timeIntervalSinceReferenceDate; timed = true }
        let filter = query.filter
        func mask(_ set: Set<String>, _ dictionary: CodeDictionary) -> Column<UInt8>? {
            set.isEmpty ? nil : Column([0] + dictionary.codes.map { set.contains($0) ? 1 : 0 })
        }
        queues = mask(filter.queues, queueCodes)
        agents = mask(filter.agents, agentCodes)
        services = mask(filter.services, serviceCodes)
        if !filter.locations.isEmpty || !filter.regions.isEmpty {
            locations = Column([0] + locationCodes.codes.map { code in
                let byLocation = filter.locations.isEmpty || filter.locations.contains(code)
                let byRegion = filter.regions.isEmpty || regionOfLocation[code].map(filter.regions.contains) == true
                return byLocation && byRegion ? 1 : 0
            })
        }
        if !filter.channels.isEmpty { channels = Column(Channel.allCases.map { filter.channels.contains($0.rawValue) ? 1 : 0 }) }
    }

    /// Whether any row can be tested out.
    var filters: Bool { timed || queues != nil || agents != nil || locations != nil || services != nil || channels != nil }

    /// A filter that no code passes: nothing can match.
    var isEmpty: Bool {
        [queues, agents, locations, services, channels].contains { $0.map { !$0.contains(1) } ?? false }
    }

    /// The row test over a table's columns (valid while the table and these masks are alive).
    func test(_ table: CallTable) -> CallRowMask {
        CallRowMask(
            arrival: timed ? table.arrival.base : nil, from: from, to: to,
            queue: table.queue.base, queueMask: queues?.base, agent: table.agent.base, agentMask: agents?.base,
            location: table.location.base, locationMask: locations?.base, service: table.service.base, serviceMask: services?.base,
            channel: table.channel.base, channelMask: channels?.base)
    }
}
