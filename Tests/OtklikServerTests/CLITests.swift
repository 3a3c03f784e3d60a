import Foundation
import Testing

/// Issue 15 item 24: the built `otklik` executable, run as a user runs it.
@Suite struct CLITests {
    /// `.build/debug/otklik` beside the test bundle (built by `swift build --build-tests`).
    static let binary: URL? = {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("otklik"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("otklik"),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/otklik"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A new empty folder under the temporary directory for one test's files (the caller removes it).
    static func scratchFolder() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("otklik-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    static func run(_ arguments: [String], in directory: URL) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["OTKLIK_DB"] = nil
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil, "the otklik executable is not built"))
    func readOnlyCommandsNeverCreateAnEmptyDatabase() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [["metrics", "nps"], ["export", "feedback"], ["apikey", "list"]] {
            let (status, output) = try Self.run(arguments, in: directory)
            #expect(status == 2, "\(arguments): \(output)")
            #expect(output.contains("no database at otklik.sqlite; run otklik demo or pass --db"), "\(arguments): \(output)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("otklik.sqlite").path))
        // An import may create it; then the unknown-metric error names every family of metrics.
        let csv = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,nps\nf1,2026-03-02T09:15:00Z,terminal,9\n".write(to: csv, atomically: true, encoding: .utf8)
        let imported = try Self.run(["import", "feedback", csv.path], in: directory)
        #expect(imported.status == 0, "\(imported.output)")
        let unknown = try Self.run(["metrics", "nope"], in: directory)
        #expect(unknown.status != 0)
        #expect(unknown.output.contains("nps") && unknown.output.contains("asa"), "\(unknown.output)")
    }

    @Test(.enabled(if: binary != nil, "the otklik executable is not built"))
    func aMalformedCSVFailsTheImportWithItsLine() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let csv = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,nps,comment\nf1,2026-03-02T09:15:00Z,terminal,9,\"never closed\nf2,2026-03-02T09:16:00Z,terminal,9,ok\n"
            .write(to: csv, atomically: true, encoding: .utf8)
        let (status, output) = try Self.run(["import", "feedback", csv.path, "--db", "sqlite:\(directory.path)/x.sqlite"], in: directory)
        #expect(status != 0, "\(output)")
        #expect(output.contains("line 2, column comment"), "\(output)")
    }
}

extension CLITests {
    /// `otklik targets import` names the line of a bad row and changes nothing; a repeated import adds nothing.
    @Test(.enabled(if: binary != nil, "the otklik executable is not built"))
    func targetsImportIsAllOrNothingAndIdempotent() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,nps\nf1,2026-03-02T09:15:00Z,terminal,9\n".write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try Self.run(["import", "feedback", feedback.path], in: directory).status == 0)

        let bad = directory.appendingPathComponent("bad.csv")
        try "metric,scope,code,from,to,target,kind\ncsat,organisation,,2026-01-01,2026-12-31,80,absolute\ncsat,region,R9,2026-01-01,2026-12-31,5,relative_change\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.run(["targets", "import", bad.path], in: directory)
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.output.contains("line 3, column code: unknown region code 'R9'; nothing was changed"), "\(refused.output)")
        let malformed = directory.appendingPathComponent("malformed.csv")
        try "metric,scope,from,to,target\nnps,organisation,2026-01-01,2026-12-31,\"40,5 %\"\nnps,organisation,2026-02-30,2026-12-31,40\n"
            .write(to: malformed, atomically: true, encoding: .utf8)
        let badDate = try Self.run(["targets", "import", malformed.path], in: directory)
        #expect(badDate.status != 0 && badDate.output.contains("line 3") && badDate.output.contains("from must be a date"), "\(badDate.output)")
        #expect(try Self.run(["targets", "list"], in: directory).output == "metric,scope,code,from,to,target,kind\n", "nothing stored")

        let good = directory.appendingPathComponent("good.csv")
        try "metric,scope,code,from,to,target,kind\ncsat,organisation,,2026-01-01,2026-12-31,80,absolute\nnps,organisation,,2026-01-01,2026-12-31,\"40,5 %\",\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let first = try Self.run(["targets", "import", good.path], in: directory)
        #expect(first.status == 0 && first.output.contains("2 targets read: 2 new"), "\(first.output)")
        let again = try Self.run(["targets", "import", good.path], in: directory)
        #expect(again.output.contains("2 targets read: 0 new"), "\(again.output)")
        let listed = try Self.run(["targets", "list"], in: directory).output
        #expect(listed.contains("csat,organisation,,2026-01-01,2026-12-31,80,absolute") && listed.contains("nps,organisation,,2026-01-01,2026-12-31,40.5,absolute"), "\(listed)")
    }

    /// Issue 20 items 1-2: `otklik targets import` takes the case KPIs and the response rate, and refuses a value out of
    /// the metric's range naming the line and the column, storing nothing.
    @Test(.enabled(if: binary != nil, "the otklik executable is not built"))
    func caseAndResponseRateTargetsImport() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,nps\nf1,2026-03-02T09:15:00Z,terminal,9\n".write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try Self.run(["import", "feedback", feedback.path], in: directory).status == 0)
        let bad = directory.appendingPathComponent("bad.csv")
        try "metric,scope,code,from,to,target,kind\nsla_attainment,organisation,,2026-01-01,2026-12-31,85,absolute\nresolution_hours,organisation,,2026-01-01,2026-12-31,-4,absolute\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.run(["targets", "import", bad.path], in: directory)
        #expect(refused.status != 0 && refused.output.contains("line 3, column target"), "\(refused.output)")
        #expect(try Self.run(["targets", "list"], in: directory).output == "metric,scope,code,from,to,target,kind\n", "nothing stored")
        let good = directory.appendingPathComponent("good.csv")
        try "metric,scope,code,from,to,target,kind\nsla_attainment,organisation,,2026-01-01,2026-12-31,85,absolute\nresponse_rate,organisation,,2026-01-01,2026-12-31,60 %,\n"
            .write(to: good, atomically: true, encoding: .utf8)
        let imported = try Self.run(["targets", "import", good.path], in: directory)
        #expect(imported.status == 0 && imported.output.contains("2 targets read: 2 new"), "\(imported.output)")
        let listed = try Self.run(["targets", "list"], in: directory).output
        #expect(listed.contains("sla_attainment,organisation,,2026-01-01,2026-12-31,85,absolute") && listed.contains("response_rate,organisation,,2026-01-01,2026-12-31,60,absolute"), "\(listed)")
    }

    /// `otklik import staff` refuses a bad row or an unknown location whole, naming it; `export staff` writes back what
    /// was imported, so a round trip is the same file.
    @Test(.enabled(if: binary != nil, "the otklik executable is not built"))
    func staffImportIsAllOrNothingAndExportsTheSameFile() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let feedback = directory.appendingPathComponent("f.csv")
        try "id,ts,channel,location,nps\nf1,2026-03-02T09:15:00Z,terminal,L1,9\n".write(to: feedback, atomically: true, encoding: .utf8)
        #expect(try Self.run(["import", "feedback", feedback.path], in: directory).status == 0)
        let header = "code,name,location,role,email,team,hired_on,left_on\n"
        let bad = directory.appendingPathComponent("bad.csv")
        try (header + "S1,Анна,L1,,,,2024-03-01,\nS2,Пётр,L1,,,,2026-07-01,2026-06-30\n").write(to: bad, atomically: true, encoding: .utf8)
        let refused = try Self.run(["import", "staff", bad.path], in: directory)
        #expect(refused.status != 0 && refused.output.contains("line 3, column left_on") && refused.output.contains("nothing was imported"), "\(refused.output)")
        let unknown = directory.appendingPathComponent("unknown.csv")
        try (header + "S1,Анна,L1,,,,2024-03-01,\nS2,Пётр,L9,,,,,\n").write(to: unknown, atomically: true, encoding: .utf8)
        let refusedLocation = try Self.run(["import", "staff", unknown.path], in: directory)
        #expect(refusedLocation.status != 0 && refusedLocation.output.contains("unknown location code 'L9'"), "\(refusedLocation.output)")
        #expect(try Self.run(["export", "staff"], in: directory).output == header, "nothing stored")
        let good = directory.appendingPathComponent("good.csv")
        let rows = header + "S1,Анна,L1,operator,anna@example.ru,T1,2024-03-01,\nS2,Пётр,L1,,,,2021-01-15,2026-06-30\n"
        try rows.write(to: good, atomically: true, encoding: .utf8)
        let imported = try Self.run(["import", "staff", good.path], in: directory)
        #expect(imported.status == 0 && imported.output.contains("imported 2 staff members (1 with a leaving date)"), "\(imported.output)")
        #expect(try Self.run(["import", "staff", good.path], in: directory).status == 0, "a retry changes nothing")
        #expect(try Self.run(["export", "staff"], in: directory).output == rows)
    }
}
