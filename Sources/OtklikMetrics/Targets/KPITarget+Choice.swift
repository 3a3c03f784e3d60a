extension KPITarget {
    /// What a page or report is looking at: the filters that name a scope, and the last day of its period.
    public struct View: Sendable, Equatable {
        public var location: String?
        /// The location's region when a location is chosen, otherwise the chosen region.
        public var region: String?
        public var service: String?
        public var lastDay: Int32
        /// The scopes whose targets may apply. A view of part of the organisation seen by a caller limited to it
        /// allows only its own location's or region's target, never the organisation's (see the dashboard's
        /// `TargetCard`).
        public var allowed: Set<Scope>

        public init(location: String? = nil, region: String? = nil, service: String? = nil, lastDay: Int32, allowed: Set<Scope> = Set(Scope.allCases)) {
            self.location = location
            self.region = region
            self.service = service
            self.lastDay = lastDay
            self.allowed = allowed
        }
    }

    /// The target of `metric` that applies to a view: one in force on the view's last day, for the most specific
    /// scope the view names — its location, else its service, else its region (a location's own region included),
    /// else the organisation; among several, the one with the shortest period (a quarter's target before the year's).
    public static func applicable(_ targets: [KPITarget], metric: TargetMetric, view: View) -> KPITarget? {
        let wanted: [(Scope, String?)] = [
            (.location, view.location), (.service, view.service), (.region, view.region), (.organisation, nil),
        ].filter { ($0.0 == .organisation || $0.1 != nil) && view.allowed.contains($0.0) }
        for (scope, code) in wanted {
            let matching = targets.filter {
                $0.metric == metric && $0.scope == scope && $0.code == code && $0.fromDay <= view.lastDay && view.lastDay <= $0.toDay
            }
            if let best = matching.min(by: { ($0.toDay - $0.fromDay, $0.from) < ($1.toDay - $1.fromDay, $1.from) }) { return best }
        }
        return nil
    }
}
