import Foundation
import Testing

/// Issue 21 item 3 on the command line: `otklik user create --role … --locations …`, `otklik user list`,
/// `otklik apikey create --scope … --locations …`; an unknown role, scope or location is refused naming it, and
/// nothing is written.
@Suite struct RolesCLITests {
    static func run(_ arguments: [String], in directory: URL, input: String = "") throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = arguments + ["--db", "sqlite:\(directory.path)/roles.sqlite", "--log-level", "warning"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["OTKLIK_DB"] = nil
        process.environment = environment
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func usersAndKeysWithRolesAndScopes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-roles-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,nps\nf1,2026-03-02T09:15:00Z,terminal,L01,9\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(try Self.run(["import", "feedback", csv.path], in: directory).status == 0, "the database, with location L01")
        let password = "correct horse battery\n"

        let unknownRole = try Self.run(["user", "create", "olga", "--role", "boss"], in: directory, input: password)
        #expect(unknownRole.status != 0 && unknownRole.output.contains("'boss'") && unknownRole.output.contains("location_manager"), "\(unknownRole.output)")
        let unknownLocation = try Self.run(
            ["user", "create", "olga", "--role", "location_manager", "--locations", "L01,L99"], in: directory, input: password)
        #expect(unknownLocation.status != 0, "\(unknownLocation.output)")
        #expect(unknownLocation.output.contains("--locations") && unknownLocation.output.contains("'L99'"), "\(unknownLocation.output)")
        #expect(!(try Self.run(["user", "list"], in: directory).output.contains("olga")), "nothing written")
        let unscoped = try Self.run(["user", "create", "olga", "--role", "location_manager"], in: directory, input: password)
        #expect(unscoped.status != 0 && unscoped.output.contains("--locations"), "a location manager needs locations: \(unscoped.output)")

        let created = try Self.run(["user", "create", "olga", "--role", "location_manager", "--locations", "L01"], in: directory, input: password)
        #expect(created.status == 0, "\(created.output)")
        let old = try Self.run(["user", "create", "boss", "--role", "admin"], in: directory, input: password)
        #expect(old.status == 0 && old.output.contains("administrator"), "the old name still works: \(old.output)")
        let users = try Self.run(["user", "list"], in: directory).output
        #expect(users.contains("olga\tlocation_manager\tlocations L01\t-"), "\(users)")
        #expect(users.contains("boss\tadministrator\torganisation\t-"), "\(users)")

        let badScope = try Self.run(["apikey", "create", "bi", "--scope", "everything"], in: directory)
        #expect(badScope.status != 0 && badScope.output.contains("'everything'"), "\(badScope.output)")
        let badRegion = try Self.run(["apikey", "create", "bi", "--scope", "read", "--regions", "R9"], in: directory)
        #expect(badRegion.status != 0 && badRegion.output.contains("'R9'"), "\(badRegion.output)")
        let key = try Self.run(["apikey", "create", "bi", "--scope", "read", "--locations", "L01"], in: directory)
        #expect(key.status == 0 && key.output.contains("otk_"), "\(key.output)")
        let keys = try Self.run(["apikey", "list"], in: directory).output
        #expect(keys.contains("\tbi\tread\tlocations L01\t"), "\(keys)")
        #expect(keys.split(separator: "\n").count == 1, "the refused keys were not written: \(keys)")
    }

    /// `otklik user role`: role and scope change together; an unknown user, role or location, or a location manager
    /// without locations, is refused naming it and changes nothing; the change is in the audit log (actor `cli`).
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func aUsersRoleAndScopeChange() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-role-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,nps\nf1,2026-03-02T09:15:00Z,terminal,L01,9\nf2,2026-03-02T09:16:00Z,terminal,L02,9\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect(try Self.run(["import", "feedback", csv.path], in: directory).status == 0, "the database, with locations L01 and L02")
        #expect(try Self.run(["user", "create", "vera", "--role", "viewer"], in: directory, input: "correct horse battery\n").status == 0)

        let changed = try Self.run(["user", "role", "vera", "--role", "location_manager", "--locations", "L01,L02"], in: directory)
        #expect(changed.status == 0 && changed.output.contains("location_manager"), "\(changed.output)")
        #expect(try Self.run(["user", "list"], in: directory).output.contains("vera\tlocation_manager\tlocations L01,L02\t-"))

        for (arguments, says) in [
            (["user", "role", "vera", "--role", "location_manager", "--locations", "L99"], "'L99'"),
            (["user", "role", "vera", "--role", "location_manager"], "--locations"),
            (["user", "role", "vera", "--role", "boss"], "'boss'"),
            (["user", "role", "nobody", "--role", "viewer"], "'nobody'"),
        ] {
            let refused = try Self.run(arguments, in: directory)
            #expect(refused.status != 0 && refused.output.contains(says), "\(arguments): \(refused.output)")
        }
        #expect(try Self.run(["user", "list"], in: directory).output.contains("vera\tlocation_manager\tlocations L01,L02\t-"), "unchanged")

        let back = try Self.run(["user", "role", "vera", "--role", "viewer"], in: directory)
        #expect(back.status == 0 && back.output.contains("organisation"), "\(back.output)")
        let audit = try Self.run(["audit", "list", "--action", "role"], in: directory).output
        #expect(audit.contains("cli") && audit.contains("viewer over organisation → location_manager over locations L01,L02"), "\(audit)")
        #expect(audit.contains("location_manager over locations L01,L02 → viewer over organisation"), "\(audit)")
    }
}
