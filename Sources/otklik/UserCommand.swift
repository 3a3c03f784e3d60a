import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikServer
import OtklikStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create dashboard users, change their role and scope, and set their passwords.",
        subcommands: [Create.self, List.self, RoleChange.self, Password.self, Link.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user of a role over the organisation, some regions or some locations; the password is read from standard input.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "administrator, cx_director, regional_manager, location_manager, staff, viewer or device (admin and manager are read as administrator and cx_director).")
        var role: String = "cx_director"
        @Option(help: "Region codes, comma-separated: the user sees only these regions' locations.") var regions: String?
        @Option(help: "Location codes, comma-separated: the user sees only these locations.") var locations: String?

        func run() async throws {
            let (role, scope) = try readAssignment(role: role, regions: regions, locations: locations)
            let password = try readPassword()
            try await withDatabase(common) { database in
                do {
                    try await database.access.createUser(
                        username: username, passwordHash: try await PasswordHasher().hash(password), role: role, scope: scope)
                } catch let error as OtklikError where error.field == "regions" || error.field == "locations" {
                    throw CommandFailure("--\(error.field ?? ""): \(error.message); nothing was written")
                }
                note("Created user \(username) (\(role.rawValue), \(scope.description)).")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users: name, role, scope and linked staff member (never passwords).")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for user in try await database.access.users() {
                    print("\(user.username)\t\(user.role.rawValue)\t\(user.scope.description)\t\(user.staff ?? "-")")
                }
            }
        }
    }

    struct RoleChange: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "role",
            abstract: "Change a user's role and scope together (no --regions or --locations: the whole organisation); written to the audit log.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "administrator, cx_director, regional_manager, location_manager, staff, viewer or device.") var role: String
        @Option(help: "Region codes, comma-separated: the user sees only these regions' locations.") var regions: String?
        @Option(help: "Location codes, comma-separated: the user sees only these locations.") var locations: String?

        func run() async throws {
            let (role, scope) = try readAssignment(role: role, regions: regions, locations: locations)
            try await withDatabase(common) { database in
                do {
                    try await UserRoleChange(access: database.access, audit: SQLAuditLog(database: database.sql))
                        .apply(RoleAssignment(role: role, scope: scope), to: username, actor: "cli")
                } catch let error as OtklikError where error.field != nil {
                    let option = error.field == "username" ? "user" : "--\(error.field ?? "")"
                    throw CommandFailure("\(option): \(error.message); nothing was changed")
                }
                note("User \(username) is now \(role.rawValue) over \(scope.description).")
            }
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Link a user to the staff member whose notifications they read (--staff CODE), or unlink (no --staff).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "Staff code.") var staff: String?

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.access.setStaff(username: username, staff: staff)
                note(staff.map { "User \(username) now reads the notifications of \($0)." } ?? "User \(username) is no longer linked to a staff member.")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a user's password (read from standard input); ends their sessions.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "User name.") var username: String

        func run() async throws {
            let password = try readPassword()
            try await withDatabase(common) { database in
                try await database.access.setPassword(username: username, passwordHash: try await PasswordHasher().hash(password))
                note("Password of \(username) changed.")
            }
        }
    }
}

/// The first line of standard input, checked against the password policy.
func readPassword() throws -> String {
    note("Password (10-200 characters), then Enter:")
    guard let line = readLine(strippingNewline: true) else { throw CommandFailure("no password on standard input") }
    do {
        return try PasswordHasher.validate(line)
    } catch {
        throw CommandFailure("\(error)")
    }
}

/// `--role`, `--regions` and `--locations` read as every other way of giving a role does (``RoleAssignment``); a
/// refusal names the option.
func readAssignment(role: String, regions: String?, locations: String?) throws -> (Role, OrganisationScope) {
    do throws(OtklikError) {
        let assignment = try RoleAssignment.read(role: role, regions: commaList(regions), locations: commaList(locations))
        return (assignment.role, assignment.scope)
    } catch {
        throw CommandFailure("--\(error.field ?? "role"): \(error.message)")
    }
}

/// `L01, L02` → ["L01", "L02"]; nil → [].
func commaList(_ text: String?) -> [String] {
    (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}
