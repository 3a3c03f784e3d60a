import OtklikCore

/// Every region, location, staff member and service, each list in code order, read together
/// (``ReferenceRepository/lists()``): what a page or a judged figure needs to name and place its codes.
public struct ReferenceLists: Sendable, Equatable {
    public var regions: [Region] = []
    public var locations: [Location] = []
    public var staff: [Staff] = []
    public var services: [Service] = []

    public init(regions: [Region] = [], locations: [Location] = [], staff: [Staff] = [], services: [Service] = []) {
        self.regions = regions
        self.locations = locations
        self.staff = staff
        self.services = services
    }
}
