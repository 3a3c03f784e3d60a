import Foundation
import OtklikCore
import Testing

/// Issue 21 item 3: the roles' permission table, the API key scopes, the migration of the old role names and the
/// scope check over the hierarchy (regions → locations), as pure functions.
@Suite struct RolesAndScopesTests {
    /// The table of docs/operators.md, written out by hand: a change to ``RolePermissions`` must change it too.
    static let table: [Role: String] = [
        //                 read_feedback write_feedback read_cases work_cases change_configuration read_personal_data manage_access read_audit submit_from_device
        .administrator:    "1 1 1 1 1 1 1 1 0",
        .cxDirector:       "1 1 1 1 1 1 0 0 0",
        .regionalManager:  "1 0 1 1 0 1 0 0 0",
        .locationManager:  "1 0 1 1 0 1 0 0 0",
        .staff:            "1 0 1 1 0 1 0 0 0",
        .viewer:           "1 0 1 0 0 0 0 0 0",
        .device:           "0 0 0 0 0 0 0 0 1",
    ]
    static let columns: [Permission] = [
        .readFeedback, .writeFeedback, .readCases, .workCases, .changeConfiguration, .readPersonalData, .manageAccess, .readAudit, .submitFromDevice,
    ]

    @Test func everyRoleHoldsExactlyThePermissionsOfTheTable() {
        #expect(Set(Self.table.keys) == Set(Role.allCases))
        #expect(Self.columns.count == Permission.allCases.count)
        for (role, row) in Self.table {
            let expected = Set(zip(Self.columns, row.split(separator: " ")).filter { $0.1 == "1" }.map(\.0))
            #expect(role.permissions == expected, "\(role)")
        }
    }

    @Test func onlyTheAdministratorManagesAccessAndReadsTheAudit() {
        for role in Role.allCases {
            #expect(role.holds(.readAudit) == (role == .administrator), "\(role)")
            #expect(role.holds(.manageAccess) == (role == .administrator), "\(role)")
        }
    }

    @Test func apiKeyScopesNestReadInWriteInAdmin() {
        #expect(ApiKeyScope.read.permissions == [.readFeedback, .readCases, .readPersonalData])
        #expect(ApiKeyScope.read.permissions.isStrictSubset(of: ApiKeyScope.write.permissions))
        #expect(ApiKeyScope.write.permissions.isStrictSubset(of: ApiKeyScope.admin.permissions))
        #expect(!ApiKeyScope.read.permissions.contains(.writeFeedback))
        #expect(!ApiKeyScope.write.permissions.contains(.readAudit) && !ApiKeyScope.write.permissions.contains(.manageAccess))
        #expect(ApiKeyScope.admin.permissions == Role.administrator.permissions)
    }

    @Test func theOldRoleNamesReadAsTheirNewRoles() {
        #expect(Role(name: "admin") == .administrator)
        #expect(Role(name: "manager") == .cxDirector)
        #expect(Role(name: "viewer") == .viewer)
        #expect(Role(name: "location_manager") == .locationManager)
        #expect(Role(name: "Regional_Manager") == .regionalManager)
        #expect(Role(name: "boss") == nil)
        #expect(Role.admin == .administrator && Role.manager == .cxDirector)
    }

    static let hierarchy = [
        Location(code: "L01", name: "a", region: "R1"), Location(code: "L02", name: "b", region: "R1"),
        Location(code: "L03", name: "c", region: "R2"), Location(code: "L04", name: "d"),
    ]

    @Test func aRegionCoversItsLocationsOnly() {
        let scope = OrganisationScope.regions(["R1"]).resolve(locations: Self.hierarchy)
        #expect(scope == .locations(["L01", "L02"]))
        #expect(scope.allows(location: "L01") && scope.allows(location: "L02"))
        #expect(!scope.allows(location: "L03"), "another region's location")
        #expect(!scope.allows(location: "L04"), "a location in no region")
        #expect(!scope.allows(location: nil), "a record without a location is the organisation's")
        #expect(OrganisationScope.regions(["R9"]).resolve(locations: Self.hierarchy) == .locations([]), "an empty region covers nothing")
    }

    @Test func locationsAndTheOrganisation() {
        let scope = OrganisationScope.locations(["L01"]).resolve(locations: Self.hierarchy)
        #expect(scope.allows(location: "L01") && !scope.allows(location: "L02"))
        let everything = OrganisationScope.organisation.resolve(locations: Self.hierarchy)
        #expect(everything.allows(location: "L03") && everything.allows(location: nil) && everything.allows(location: "unknown"))
    }

    @Test func aFilterIsNarrowedNeverWidened() {
        let scope = AccessScope.locations(["L01", "L02"])
        #expect(scope.narrow([]) == ["L01", "L02"], "no filter is the scope's locations, not every location")
        #expect(scope.narrow(["L02", "L03"]) == ["L02"])
        #expect(scope.narrow(["L03"]) == nil, "nothing left is refused, not read as all")
        #expect(AccessScope.locations([]).narrow([]) == nil)
        #expect(AccessScope.organisation.narrow([]) == [] && AccessScope.organisation.narrow(["L03"]) == ["L03"])
    }

    @Test func regionsAndLocationsFromTheCommandLine() throws {
        #expect(try OrganisationScope.from(regions: [], locations: []) == .organisation)
        #expect(try OrganisationScope.from(regions: [], locations: ["L01", " L02 ", ""]) == .locations(["L01", "L02"]))
        #expect(try OrganisationScope.from(regions: ["R1"], locations: []) == .regions(["R1"]))
        #expect(throws: OtklikError.self) { try OrganisationScope.from(regions: ["R1"], locations: ["L01"]) }
        let stored = OrganisationScope.locations(["L02", "L01"]).rows
        #expect(stored.map(\.code) == ["L01", "L02"] && stored.allSatisfy { $0.kind == "location" })
        #expect(OrganisationScope.from(rows: stored) == .locations(["L01", "L02"]))
        #expect(OrganisationScope.from(rows: []) == .organisation)
    }

    @Test func aPrincipalIsRefusedWithThePermissionNamed() throws {
        let principal = Principal(kind: .apiKey, name: "k1", permissions: ApiKeyScope.read.permissions, scope: .organisation)
        #expect(throws: Never.self) { try principal.require(.readFeedback) }
        do {
            try principal.require(.writeFeedback)
            Issue.record("a read key wrote")
        } catch {
            #expect(error.code == .forbidden && error.message.contains("write_feedback"))
        }
    }
}
