import OtklikCore
import OtklikMetrics

extension ReferenceNames {
    /// The same names with the selectable codes (the filter forms' lists) narrowed to a scope: only the scope's
    /// locations, and only regions holding one of them. Names stay, so a code already on a record still reads well.
    func within(_ scope: AccessScope) -> ReferenceNames {
        guard let allowed = scope.locationCodes else { return self }
        var copy = self
        copy.orderedCodes[.location] = codes(.location).filter(allowed.contains)
        let regions = Set(allowed.compactMap { regionOfLocation[$0] })
        copy.orderedCodes[.region] = codes(.region).filter(regions.contains)
        return copy
    }
}
