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
}
