/// Where in the organisation's hierarchy (regions → locations) a user or API key may read and act, as stored.
/// ``AccessScope`` is the same resolved to location codes.
public enum OrganisationScope: Sendable, Equatable, Codable {
    /// Every region and location.
    case organisation
    /// The locations of these regions (including locations added to them later).
    case regions(Set<String>)
    /// These locations.
    case locations(Set<String>)

    /// Regions and locations given together (the CLI's `--regions` and `--locations`): both empty is the whole
    /// organisation; both given is refused, so a scope is always one level of the hierarchy.
    public static func from(regions: [String], locations: [String]) throws(OtklikError) -> OrganisationScope {
        let regions = Set(regions.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let locations = Set(locations.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        switch (regions.isEmpty, locations.isEmpty) {
        case (true, true): return .organisation
        case (false, true): return .regions(regions)
        case (true, false): return .locations(locations)
        case (false, false): throw .invalid("regions", "give either regions or locations, not both")
        }
    }

    /// The scope's kind and codes for storage: ("region", code) or ("location", code) rows; none for the organisation.
    public var rows: [(kind: String, code: String)] {
        switch self {
        case .organisation: return []
        case .regions(let codes): return codes.sorted().map { (kind: "region", code: $0) }
        case .locations(let codes): return codes.sorted().map { (kind: "location", code: $0) }
        }
    }

    /// The scope read back from stored rows (an unknown kind is ignored; no rows is the organisation).
    public static func from(rows: [(kind: String, code: String)]) -> OrganisationScope {
        let regions = rows.filter { $0.kind == "region" }.map(\.code)
        let locations = rows.filter { $0.kind == "location" }.map(\.code)
        if !regions.isEmpty { return .regions(Set(regions)) }
        if !locations.isEmpty { return .locations(Set(locations)) }
        return .organisation
    }

    /// For lists: `organisation`, `regions R1,R2`, `locations L01,L02`.
    public var description: String {
        switch self {
        case .organisation: return "organisation"
        case .regions(let codes): return "regions " + codes.sorted().joined(separator: ",")
        case .locations(let codes): return "locations " + codes.sorted().joined(separator: ",")
        }
    }

    /// Resolves the scope against the hierarchy: the location codes it covers.
    public func resolve(locations all: [Location]) -> AccessScope {
        switch self {
        case .organisation: return .organisation
        case .locations(let codes): return .locations(codes)
        case .regions(let regions):
            return .locations(Set(all.filter { $0.region.map(regions.contains) ?? false }.map(\.code)))
        }
    }
}
