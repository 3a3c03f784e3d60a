import Foundation
import OtklikCore

/// ``ReferenceRepository`` over either SQL engine.
public struct SQLReferenceRepository: ReferenceRepository {
    let database: any SQLDatabase

    public init(database: any SQLDatabase) {
        self.database = database
    }

    public func regions() async throws -> [Region] {
        try await database.query("SELECT code, name FROM regions ORDER BY code").map {
            Region(code: try $0.string("code"), name: try $0.string("name"))
        }
    }

    public func locations() async throws -> [Location] {
        try await database.query("SELECT code, name, region_code, address FROM locations ORDER BY code").map {
            Location(code: try $0.string("code"), name: try $0.string("name"), region: $0.text("region_code"), address: $0.text("address"))
        }
    }

    public func staff() async throws -> [Staff] {
        try await Self.staff(database)
    }

    /// Every staff member by code, read through `executor` (a transaction's, when the caller is in one).
    static func staff(_ executor: any SQLExecutor) async throws -> [Staff] {
        try await executor.query("SELECT code, name, location_code, role, email, team_code, hired_on, left_on FROM staff ORDER BY code").map {
            Staff(
                code: try $0.string("code"), name: try $0.string("name"), location: $0.text("location_code"), role: $0.text("role"),
                email: $0.text("email"), team: $0.text("team_code"), hiredOn: $0.text("hired_on"), leftOn: $0.text("left_on"))
        }
    }

    public func services() async throws -> [Service] {
        try await database.query("SELECT code, name, available_online FROM services ORDER BY code").map {
            Service(code: try $0.string("code"), name: try $0.string("name"), availableOnline: $0.int("available_online").map { $0 != 0 })
        }
    }

    public func lists() async throws -> ReferenceLists {
        var lists = ReferenceLists()
        for row in try await database.query(Self.listsQuery) {
            let code = try row.string("code"), name = try row.string("name")
            switch row.int("list") {
            case 0: lists.regions.append(Region(code: code, name: name))
            case 1: lists.locations.append(Location(code: code, name: name, region: row.text("c1"), address: row.text("c2")))
            case 2:
                lists.staff.append(
                    Staff(
                        code: code, name: name, location: row.text("c1"), role: row.text("c2"), email: row.text("c3"), team: row.text("c4"),
                        hiredOn: row.text("c5"), leftOn: row.text("c6")))
            default: lists.services.append(Service(code: code, name: name, availableOnline: row.int("online").map { $0 != 0 }))
            }
        }
        return lists
    }

    /// The four tables as one statement, each row tagged with its list; the text columns each list has beyond code and
    /// name in `c1`…`c6` (as the lists' own queries order them), a service's `available_online` in `online` (typed in
    /// the first branch: PostgreSQL resolves a UNION's column types branch by branch, and two NULLs make text).
    static let listsQuery = """
        SELECT 0 AS list, code, name, NULL AS c1, NULL AS c2, NULL AS c3, NULL AS c4, NULL AS c5, NULL AS c6, CAST(NULL AS SMALLINT) AS online FROM regions
        UNION ALL SELECT 1, code, name, region_code, address, NULL, NULL, NULL, NULL, NULL FROM locations
        UNION ALL SELECT 2, code, name, location_code, role, email, team_code, hired_on, left_on, NULL FROM staff
        UNION ALL SELECT 3, code, name, NULL, NULL, NULL, NULL, NULL, NULL, available_online FROM services
        ORDER BY list, code
        """

    public func save(_ region: Region) async throws {
        try Self.validate(code: region.code, name: region.name)
        try await upsert("regions", ["code", "name"], [.text(region.code), .text(region.name)])
    }

    public func save(_ location: Location) async throws {
        try Self.validate(code: location.code, name: location.name)
        try await requireExists("regions", location.region, field: "region")
        try await upsert(
            "locations", ["code", "name", "region_code", "address"],
            [.text(location.code), .text(location.name), SQLValue(location.region), SQLValue(location.address)])
    }

    public func save(_ staff: Staff) async throws {
        try Self.validate(staff)
        try await requireExists("locations", staff.location, field: "location")
        try await upsert(Self.staffTable, Self.staffColumns, Self.staffValues(staff))
    }

    public func save(staff: [Staff]) async throws {
        let known = Set(try await locations().map(\.code))
        for (index, member) in staff.enumerated() {
            do {
                try Self.validate(member)
                if let location = member.location, !known.contains(location) {
                    throw OtklikError.invalid("location", "unknown location code '\(location)' (staff member \(member.code))")
                }
            } catch let error as OtklikError {
                throw error.prefixingField("staff[\(index)]")
            }
        }
        try await database.transaction { tx in
            for member in staff { try await Self.upsert(Self.staffTable, Self.staffColumns, Self.staffValues(member), in: tx) }
            try await Self.recordChange(records: max(staff.count, 1), in: tx)
        }
    }

    static let staffTable = "staff"
    static let staffColumns = ["code", "name", "location_code", "role", "email", "team_code", "hired_on", "left_on"]

    static func staffValues(_ staff: Staff) -> [SQLValue] {
        [.text(staff.code), .text(staff.name), SQLValue(staff.location), SQLValue(staff.role), SQLValue(staff.email), SQLValue(staff.team),
         SQLValue(staff.hiredOn), SQLValue(staff.leftOn)]
    }

    /// Everything about a staff member that needs no lookup: code, name, e-mail, team and employment dates.
    static func validate(_ staff: Staff) throws(OtklikError) {
        try validate(code: staff.code, name: staff.name)
        if let email = staff.email, email.count > 254 || !email.contains("@") || email.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) {
            throw .invalid("email", "email must be an address such as anna@example.ru")
        }
        if let team = staff.team { try Identifier.validate(team, field: "team") }
        try staff.validateEmployment()
    }

    public func save(_ service: Service) async throws {
        try Self.validate(code: service.code, name: service.name)
        try await upsert(
            "services", ["code", "name", "available_online"],
            [.text(service.code), .text(service.name), service.availableOnline.map { .int($0 ? 1 : 0) } ?? .null])
    }

    public func delete(_ kind: ReferenceKind, code: String) async throws {
        let table = Self.table(kind)
        try await database.transaction { tx in
            guard try await !tx.query("SELECT code FROM \(table) WHERE code = ?", [.text(code)]).isEmpty else {
                throw OtklikError(.notFound, "no \(kind.rawValue) with code '\(code)'", field: "code")
            }
            for (otherTable, column) in Self.referrers(kind) {
                let rows = try await tx.query("SELECT 1 AS one FROM \(otherTable) WHERE \(column) = ? LIMIT 1", [.text(code)])
                if !rows.isEmpty {
                    throw OtklikError(.conflict, "\(kind.rawValue) '\(code)' is still used by \(otherTable)", field: "code")
                }
            }
            try await tx.execute("DELETE FROM \(table) WHERE code = ?", [.text(code)])
            try await Self.recordChange(in: tx)
        }
    }

    public func organisation() async throws -> Organisation {
        guard let row = try await database.query("SELECT name, timezone, default_lang FROM organisation WHERE id = 1").first
        else { throw OtklikError(.internal, "organisation row is missing") }
        return Organisation(name: try row.string("name"), timezone: try row.string("timezone"), defaultLang: try row.string("default_lang"))
    }

    public func save(_ organisation: Organisation) async throws {
        guard TimeZone(identifier: organisation.timezone) != nil else {
            throw OtklikError.invalid("timezone", "unknown time zone '\(organisation.timezone)'")
        }
        guard ["ru", "en"].contains(organisation.defaultLang) else {
            throw OtklikError.invalid("default_lang", "default_lang must be ru or en")
        }
        try await database.execute(
            "UPDATE organisation SET name = ?, timezone = ?, default_lang = ? WHERE id = 1",
            [.text(organisation.name), .text(organisation.timezone), .text(organisation.defaultLang)])
    }

    // MARK: - Helpers

    static func table(_ kind: ReferenceKind) -> String {
        switch kind {
        case .region: "regions"
        case .location: "locations"
        case .staff: "staff"
        case .service: "services"
        }
    }

    static func referrers(_ kind: ReferenceKind) -> [(String, String)] {
        switch kind {
        case .region: [("locations", "region_code")]
        case .location:
            [("feedback", "location_code"), ("staff", "location_code"), ("devices", "location_code"), ("interactions", "location_code"),
             ("cases", "location_code"), ("sla_policies", "location_code"), ("assignment_rules", "location_code"), ("employee_issues", "location_code")]
        case .staff:
            [("feedback", "staff_code"), ("devices", "staff_code"), ("interactions", "staff_code"), ("cases", "staff_code"), ("users", "staff_code"),
             ("assignment_rules", "owner"), ("employee_issues", "staff_code"), ("pulse_invitations", "staff_code"), ("recognitions", "to_staff"),
             ("recognitions", "from_staff")]
        case .service: [("feedback", "service_code"), ("interactions", "service_code")]
        }
    }

    static func validate(code: String, name: String) throws(OtklikError) {
        try Identifier.validate(code, field: "code")
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 200 else { throw .invalid("name", "name must be 1-200 characters") }
    }

    func requireExists(_ table: String, _ code: String?, field: String) async throws {
        guard let code else { return }
        if try await database.query("SELECT code FROM \(table) WHERE code = ?", [.text(code)]).isEmpty {
            throw OtklikError.invalid(field, "unknown \(field) code '\(code)'")
        }
    }

    /// Creates or replaces one row and appends a ``FeedEventKind/reference`` event in the same transaction.
    func upsert(_ table: String, _ columns: [String], _ values: [SQLValue]) async throws {
        try await database.transaction { tx in
            try await Self.upsert(table, columns, values, in: tx)
            try await Self.recordChange(in: tx)
        }
    }

    /// Creates or replaces one row in the caller's transaction.
    static func upsert(_ table: String, _ columns: [String], _ values: [SQLValue], in tx: any SQLExecutor) async throws {
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        try await tx.execute(
            "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) ON CONFLICT (code) DO UPDATE SET \(updates)",
            values)
    }

    /// The change-feed event of a reference change, in the caller's transaction.
    static func recordChange(records: Int = 1, in tx: any SQLExecutor) async throws {
        _ = try await ChangeFeed.append(.reference, records: records, at: Int64((Date().timeIntervalSince1970 * 1000).rounded()), in: tx)
    }
}
