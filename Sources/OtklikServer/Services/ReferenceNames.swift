import OtklikMetrics
import OtklikStore

/// Display names of reference codes, read once per page.
struct ReferenceNames: Sendable {
    var regions: [String: String] = [:]
    var locations: [String: String] = [:]
    var staff: [String: String] = [:]
    var services: [String: String] = [:]
    var regionOfLocation: [String: String] = [:]
    /// A staff member's location, for judging their row against its target.
    var locationOfStaff: [String: String] = [:]
    var orderedCodes: [GroupDimension: [String]] = [:]

    static func load(_ repository: any ReferenceRepository) async throws -> ReferenceNames {
        var names = ReferenceNames()
        let lists = try await repository.lists()
        let (regions, locations, staff, services) = (lists.regions, lists.locations, lists.staff, lists.services)
        names.regions = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        names.locations = Dictionary(uniqueKeysWithValues: locations.map { ($0.code, $0.name) })
        names.regionOfLocation = Dictionary(uniqueKeysWithValues: locations.compactMap { location in location.region.map { (location.code, $0) } })
        names.staff = Dictionary(uniqueKeysWithValues: staff.map { ($0.code, $0.name) })
        names.locationOfStaff = Dictionary(uniqueKeysWithValues: staff.compactMap { member in member.location.map { (member.code, $0) } })
        names.services = Dictionary(uniqueKeysWithValues: services.map { ($0.code, $0.name) })
        names.orderedCodes = [
            .region: regions.map(\.code), .location: locations.map(\.code), .staff: staff.map(\.code), .service: services.map(\.code),
        ]
        return names
    }

    func codes(_ dimension: GroupDimension) -> [String] { orderedCodes[dimension] ?? [] }

    func name(_ dimension: GroupDimension, _ code: String, text: [String: String] = [:]) -> String {
        if code.isEmpty { return "—" }
        switch dimension {
        case .region: return regions[code] ?? code
        case .location: return locations[code] ?? code
        case .staff: return staff[code] ?? code
        case .service: return services[code] ?? code
        case .channel: return text["channel_\(code)"] ?? code
        default: return code
        }
    }
}
