import Foundation
import Testing

/// Issue 20 item 4: `otklik journeys import FILE.json` as a user runs it — all or nothing, the same file twice changes
/// nothing, a bad field named by its path with exit code 2.
@Suite struct JourneyCLITests {
    static let good = """
        {"journeys": [{"code": "getting-service", "name_ru": "Получение услуги", "name_en": "Getting a service",
          "owner": {"kind": "staff", "id": "S01"}, "north_star": "Быстро", "satisfaction_target": 85,
          "stages": [
            {"code": "apply", "name_ru": "Заявка", "name_en": "Apply", "touchpoints": [{"channel": "web"}],
             "bindings": [{"source": "request", "statuses": ["open"]}]},
            {"code": "visit", "name_ru": "Визит", "name_en": "Visit", "bindings": [{"source": "feedback", "channels": ["terminal"]}]}]}]}
        """

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func importsOnceAndNamesTheBadField() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let db = "sqlite:\(directory.path)/x.sqlite"
        // The owner S01 comes with the feedback that names it.
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,staff,nps\nf1,2026-03-02T09:15:00Z,terminal,L1,S01,9\n".write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try CLITests.run(["import", "feedback", feedback.path, "--db", db], in: directory).status == 0)

        let file = directory.appendingPathComponent("j.json")
        try Self.good.write(to: file, atomically: true, encoding: .utf8)
        let first = try CLITests.run(["journeys", "import", file.path, "--db", db], in: directory)
        #expect(first.status == 0 && first.output.contains("journeys: 1 created, 0 updated, 0 unchanged"), "\(first.output)")
        let again = try CLITests.run(["journeys", "import", file.path, "--db", db], in: directory)
        #expect(again.status == 0 && again.output.contains("journeys: 0 created, 0 updated, 1 unchanged"), "\(again.output)")
        let list = try CLITests.run(["journeys", "list", "--db", db], in: directory)
        #expect(list.output.contains("getting-service\tstaff:S01\tapply>visit\tПолучение услуги"), "\(list.output)")

        // A second journey beside a bad one: nothing is imported, the path names the field.
        let bad = directory.appendingPathComponent("bad.json")
        try Self.good.replacingOccurrences(of: "\"journeys\": [", with: "\"journeys\": [{\"code\": \"other\", \"name_ru\": \"Другой\", \"owner\": {\"kind\": \"staff\", \"id\": \"S01\"}, \"stages\": [{\"code\": \"a\", \"name_ru\": \"А\"}]},")
            .replacingOccurrences(of: "\"channels\": [\"terminal\"]", with: "\"channels\": [\"terminal\", \"fax\"]")
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["journeys", "import", bad.path, "--db", db], in: directory)
        #expect(refused.status == 2, "\(refused.output)")
        #expect(refused.output.contains("journeys[1].stages[1].bindings[0].channels[1]: unknown channel 'fax'"), "\(refused.output)")
        #expect(!(try CLITests.run(["journeys", "list", "--db", db], in: directory).output.contains("other")), "all or nothing")
        let malformed = directory.appendingPathComponent("m.json")
        try "{\"journeys\": [{\"code\": \"x\"}]}".write(to: malformed, atomically: true, encoding: .utf8)
        let missing = try CLITests.run(["journeys", "import", malformed.path, "--db", db], in: directory)
        #expect(missing.status == 2 && missing.output.contains("journeys[0].owner"), "\(missing.output)")
    }
}
