import OtklikCore
import Testing

/// The one reading of a role and a scope that `otklik user create|role`, `/admin/users` and the users API share: each
/// refusal names the field the caller shows (`role`, `regions`, `locations`).
@Suite struct RoleAssignmentTests {
    @Test func aRoleAndAScopeAreReadOnce() throws {
        #expect(try RoleAssignment.read(role: " location_manager ", regions: [], locations: ["L01", " L02", ""])
            == RoleAssignment(role: .locationManager, scope: .locations(["L01", "L02"])))
        #expect(try RoleAssignment.read(role: "manager", regions: [], locations: []) == RoleAssignment(role: .cxDirector, scope: .organisation),
                "the name before migration 0037")
        #expect(try RoleAssignment.read(role: "regional_manager", regions: ["R1"], locations: []).scope == .regions(["R1"]))
    }

    @Test(arguments: [
        ("boss", [String](), [String](), "role"), ("", [], [], "role"), ("location_manager", [], [], "locations"),
        ("regional_manager", [], [], "regions"), ("viewer", ["R1"], ["L01"], "regions"),
    ])
    func refusalsNameTheirField(role: String, regions: [String], locations: [String], field: String) {
        do {
            _ = try RoleAssignment.read(role: role, regions: regions, locations: locations)
            Issue.record("\(role) \(regions) \(locations) was accepted")
        } catch {
            #expect(error.field == field && error.code == .invalidInput, "\(error)")
        }
    }
}
