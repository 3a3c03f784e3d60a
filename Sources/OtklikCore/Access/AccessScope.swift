/// The locations a request may see, resolved from the principal's ``OrganisationScope``: every read of feedback,
/// cases, metrics and dashboards is filtered by it, and a record at another location answers 404.
public enum AccessScope: Sendable, Equatable {
    case organisation
    /// Only records at these locations (possibly none: a region without locations).
    case locations(Set<String>)

    public var isOrganisation: Bool { self == .organisation }

    /// Whether a record at `location` is visible. A record without a location is visible to the organisation only.
    public func allows(location: String?) -> Bool {
        switch self {
        case .organisation: return true
        case .locations(let codes): return location.map(codes.contains) ?? false
        }
    }

    /// A query's location filter narrowed to the scope: the requested codes (empty = all) intersected with the
    /// scope's. Nil when nothing would remain — the caller answers that the locations are outside the scope, never
    /// falls back to "all".
    public func narrow(_ requested: Set<String>) -> Set<String>? {
        switch self {
        case .organisation: return requested
        case .locations(let codes):
            let narrowed = requested.isEmpty ? codes : requested.intersection(codes)
            return narrowed.isEmpty ? nil : narrowed
        }
    }

    /// The scope's locations, nil for the whole organisation.
    public var locationCodes: Set<String>? {
        switch self {
        case .organisation: return nil
        case .locations(let codes): return codes
        }
    }
}
