/// The table of which role holds which permission (documented in docs/operators.md, "Roles and scopes").
///
/// | permission            | administrator | cx_director | regional_manager | location_manager | staff | viewer | device |
/// |-----------------------|---------------|-------------|------------------|------------------|-------|--------|--------|
/// | read_feedback         | ✓             | ✓           | ✓                | ✓                | ✓     | ✓      |        |
/// | write_feedback        | ✓             | ✓           |                  |                  |       |        |        |
/// | read_cases            | ✓             | ✓           | ✓                | ✓                | ✓     | ✓      |        |
/// | work_cases            | ✓             | ✓           | ✓                | ✓                | ✓     |        |        |
/// | change_configuration  | ✓             | ✓           |                  |                  |       |        |        |
/// | read_personal_data    | ✓             | ✓           | ✓                | ✓                | ✓     |        |        |
/// | manage_access         | ✓             |             |                  |                  |       |        |        |
/// | read_audit            | ✓             |             |                  |                  |       |        |        |
/// | submit_from_device    |               |             |                  |                  |       |        | ✓      |
public enum RolePermissions {
    public static func permissions(of role: Role) -> Set<Permission> {
        switch role {
        case .administrator:
            return Set(Permission.allCases).subtracting([.submitFromDevice])
        case .cxDirector:
            return [.readFeedback, .writeFeedback, .readCases, .workCases, .changeConfiguration, .readPersonalData]
        case .regionalManager, .locationManager, .staff:
            return [.readFeedback, .readCases, .workCases, .readPersonalData]
        case .viewer:
            return [.readFeedback, .readCases]
        case .device:
            return [.submitFromDevice]
        }
    }

    /// The permissions of an API key of the given scope.
    public static func permissions(of scope: ApiKeyScope) -> Set<Permission> {
        switch scope {
        case .read: return [.readFeedback, .readCases, .readPersonalData]
        case .write: return [.readFeedback, .readCases, .readPersonalData, .writeFeedback, .workCases, .changeConfiguration]
        case .admin: return permissions(of: .administrator)
        }
    }
}
