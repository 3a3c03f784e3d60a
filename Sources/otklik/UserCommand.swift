import ArgumentParser
import Foundation
import OtklikServer
import OtklikStore

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Create dashboard users and set their passwords.", subcommands: [Create.self, Password.self, Link.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a user; the password is read from standard input.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "User name.") var username: String
        @Option(help: "admin, manager or viewer.") var role: String = "manager"

        func run() async throws {
            guard let role = UserRole(rawValue: role) else { throw CommandFailure("--role must be admin, manager or viewer") }
            let password = try readPassword()
            try await withDatabase(common) { database in
                try await database.access.createUser(username: username, passwordHash: try await PasswordHasher().hash(password), role: role)
                note("Created user \(username) (\(role.rawValue)).")
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
