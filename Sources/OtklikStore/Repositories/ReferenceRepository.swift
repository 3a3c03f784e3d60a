import OtklikCore

/// Regions, locations, staff and services: the lists feedback points to by code.
public protocol ReferenceRepository: Sendable {
    func regions() async throws -> [Region]
    func locations() async throws -> [Location]
    func staff() async throws -> [Staff]
    func services() async throws -> [Service]
    /// The four lists above in one read: one consistent state of them, and one trip to a database thread instead of four
    /// (``ReferenceLists``; every page that names codes reads them).
    func lists() async throws -> ReferenceLists
    /// Creates or replaces by code; the referenced region/location must exist.
    func save(_ region: Region) async throws
    func save(_ location: Location) async throws
    func save(_ staff: Staff) async throws
    func save(_ service: Service) async throws
    /// Creates or replaces many staff members in one transaction: all or nothing (`otklik import staff`).
    func save(staff: [Staff]) async throws
    /// Deletes by code; refused with a conflict while feedback or other records still point to it.
    func delete(_ kind: ReferenceKind, code: String) async throws
    /// Organisation-wide settings.
    func organisation() async throws -> Organisation
    func save(_ organisation: Organisation) async throws
}

/// The organisation this database belongs to (one per database).
public struct Organisation: Sendable, Codable, Equatable {
    public var name: String
    /// IANA time zone for days, weeks and months, e.g. `Europe/Moscow`.
    public var timezone: String
    public var defaultLang: String

    public init(name: String, timezone: String, defaultLang: String) {
        self.name = name
        self.timezone = timezone
        self.defaultLang = defaultLang
    }
}
