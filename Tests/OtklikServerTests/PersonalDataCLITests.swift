import Foundation
import Testing

/// `otklik customers export-data`, `customers erase`, `audit list` and `backup` from the command line: the export holds
/// the customer's contacts until the erasure, every step is in the audit log with its actor, and the online backup
/// is a database the commands read.
@Suite struct PersonalDataCLITests {
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func exportEraseAuditAndBackup() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = "sqlite:\(directory.path)/x.sqlite"
        func run(_ arguments: [String]) throws -> (status: Int32, output: String) { try CLITests.run(arguments + ["--db", db], in: directory) }
        let file = directory.appendingPathComponent("c.csv")
        try CustomerCLITests.customers.write(to: file, atomically: true, encoding: .utf8)
        #expect(try run(["import", "customers", file.path]).status == 0)

        let exported = try run(["customers", "export-data", "C1", "--actor", "dpo"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(exported.output.utf8)) as? [String: Any], "\(exported.output)")
        let sections = json["sections"] as? [String: [[String: Any]]] ?? [:]
        #expect(Set((sections["identities"] ?? []).compactMap { $0["value"] as? String }).isSuperset(of: ["+79123456789", "anna@mail.ru"]))
        let target = directory.appendingPathComponent("c1.json").path
        #expect(try run(["customers", "export-data", "C1", "--to", target]).output.contains("identities"))
        #expect(try String(contentsOfFile: target, encoding: .utf8).contains("anna@mail.ru"))
        #expect(try run(["customers", "export-data", "nobody"]).status != 0)

        #expect(try run(["customers", "erase", "C1", "--actor", "dpo"]).output.hasPrefix("erased: C1"))
        #expect(!(try run(["customers", "export-data", "C1"]).output.contains("anna@mail.ru")), "the erasure removed the contacts")

        let audit = try run(["audit", "list", "--customer", "C1"])
        let lines = audit.output.split(separator: "\n").filter { $0.contains("\t") }
        #expect(lines.map { $0.split(separator: "\t")[2] } == ["export", "erase", "export", "export"], "\(audit.output)")
        #expect(lines.map { $0.split(separator: "\t")[1] } == ["cli", "dpo", "cli", "dpo"])
        #expect(try run(["audit", "list", "--action", "import"]).output.contains("customers: 5 rows"))
        #expect(try run(["audit", "list", "--action", "peek"]).status != 0)

        let backup = directory.appendingPathComponent("backup.sqlite").path
        #expect(try run(["backup", "--to", backup]).status == 0)
        #expect(try run(["backup", "--to", backup]).status != 0, "an existing file is not overwritten")
        #expect(try CLITests.run(["audit", "list", "--db", "sqlite:\(backup)"], in: directory).output.contains("erase"))
    }
}
