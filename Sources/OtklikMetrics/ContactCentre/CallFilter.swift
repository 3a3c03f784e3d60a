/// Which contacts a contact-centre or public-service KPI counts; an empty set means "all".
public struct CallFilter: Sendable, Equatable {
    public var queues: Set<String> = []
    public var agents: Set<String> = []
    public var locations: Set<String> = []
    public var regions: Set<String> = []
    public var services: Set<String> = []
    public var channels: Set<String> = []

    public init(
        queues: Set<String> = [], agents: Set<String> = [], locations: Set<String> = [], regions: Set<String> = [],
        services: Set<String> = [], channels: Set<String> = []
    ) {
        self.queues = queues
        self.agents = agents
        self.locations = locations
        self.regions = regions
        self.services = services
        self.channels = channels
    }

    /// Whether a value passes one of the sets: an empty set passes everything, a missing value passes only an empty set.
    @inline(__always)
    static func admits(_ set: Set<String>, _ value: String?) -> Bool {
        set.isEmpty || (value.map(set.contains) ?? false)
    }

    /// Whether a contact (or request) with these attributes is counted; `region` is its location's region.
    func admits(queue: String?, agent: String?, location: String?, region: String?, service: String?, channel: String) -> Bool {
        Self.admits(queues, queue) && Self.admits(agents, agent) && Self.admits(locations, location) && Self.admits(regions, region)
            && Self.admits(services, service) && Self.admits(channels, channel)
    }
}
