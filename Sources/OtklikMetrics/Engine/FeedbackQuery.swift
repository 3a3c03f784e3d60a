import Foundation
import OtklikCore

/// Filters and grouping of a metric query. Empty sets mean "all".
public struct FeedbackQuery: Sendable, Hashable {
    /// Inclusive start.
    public var from: Date?
    /// Exclusive end.
    public var to: Date?
    public var regions: Set<String> = []
    public var locations: Set<String> = []
    public var staff: Set<String> = []
    public var services: Set<String> = []
    public var channels: Set<Channel> = []
    public var kinds: Set<FeedbackKind> = []
    /// Only the records linked to these customers (a segment's members); nil means no customer filter. Unlike the
    /// code sets, an empty set is a filter too: it matches nothing.
    public var customers: Set<String>?
    public var groupBy: [GroupDimension] = []
    /// The parts of each tally to count; the rest stay zero (a scan for one metric does less work).
    public var measures: TallyMeasures = .all

    public init(
        from: Date? = nil, to: Date? = nil, regions: Set<String> = [], locations: Set<String> = [],
        staff: Set<String> = [], services: Set<String> = [], channels: Set<Channel> = [],
        kinds: Set<FeedbackKind> = [], customers: Set<String>? = nil, groupBy: [GroupDimension] = [], measures: TallyMeasures = .all
    ) {
        self.from = from
        self.to = to
        self.regions = regions
        self.locations = locations
        self.staff = staff
        self.services = services
        self.channels = channels
        self.kinds = kinds
        self.customers = customers
        self.groupBy = groupBy
        self.measures = measures
    }

    /// Whether a fact passes the filters, given its location's region (the reference computation).
    public func matches(_ fact: FeedbackFact, region: String?) -> Bool {
        if let from, fact.ts < from { return false }
        if let to, fact.ts >= to { return false }
        if !regions.isEmpty && !(region.map(regions.contains) ?? false) { return false }
        if !locations.isEmpty && !(fact.location.map(locations.contains) ?? false) { return false }
        if !staff.isEmpty && !(fact.staff.map(staff.contains) ?? false) { return false }
        if !services.isEmpty && !(fact.service.map(services.contains) ?? false) { return false }
        if !channels.isEmpty && !channels.contains(fact.channel) { return false }
        if !kinds.isEmpty && !kinds.contains(fact.kind) { return false }
        if let customers, !(fact.customer.map(customers.contains) ?? false) { return false }
        return true
    }
}
