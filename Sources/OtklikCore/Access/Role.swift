/// A dashboard user's role. Which permissions each role holds is ``RolePermissions``; where the user may exercise
/// them is their ``OrganisationScope``.
///
/// Roles before migration 0037 were `admin`, `manager` and `viewer`; they became `administrator`, `cx_director` and
/// `viewer` (``init(name:)`` still reads the old names).
public enum Role: String, Sendable, CaseIterable, Codable {
    case administrator
    case cxDirector = "cx_director"
    case regionalManager = "regional_manager"
    case locationManager = "location_manager"
    case staff
    case viewer
    case device

    /// A role by its name, accepting the names before migration 0037 (`admin` → administrator, `manager` → CX director).
    public init?(name: String) {
        switch name.lowercased() {
        case "admin": self = .administrator
        case "manager": self = .cxDirector
        default: self.init(rawValue: name.lowercased())
        }
    }

    /// The permissions this role holds.
    public var permissions: Set<Permission> { RolePermissions.permissions(of: self) }

    public func holds(_ permission: Permission) -> Bool { permissions.contains(permission) }

    /// Whether a user of this role must be given regions or locations (a manager of part of the organisation).
    public var needsScope: Bool { self == .regionalManager || self == .locationManager }

    /// Every role name, for help and error texts.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

extension Role {
    /// The name before migration 0037 of ``administrator``.
    public static let admin = Role.administrator
    /// The name before migration 0037 of ``cxDirector``.
    public static let manager = Role.cxDirector
}
