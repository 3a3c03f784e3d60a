import Foundation
import Testing

/// Issue 22: `otklik import requests FILE` and `otklik import agent-states FILE` stream a CSV file in chunks inside one
/// transaction (here chunks of 3 rows, `--chunk-rows`, for the command's 20,000): a bad line near the end leaves
/// nothing, the message naming the file, line and column; a good file imports every row once, a retry adds nothing;
/// `--skip-bad` leaves out the bad lines of every chunk; JSON is stored in the same chunks.
@Suite struct ProcessImportCLITests {
    static func request(_ index: Int, status: String = "open") -> String {
        "r\(index),passport,L0\(index % 3 + 1),web,C\(index),2026-03-02T09:\(String(format: "%02d", index)):00Z,\(status),,"
    }

    static func state(_ index: Int, state: String = "handling") -> String {
        "A\(index % 2),\(state),2026-03-02T09:\(String(format: "%02d", index * 2)):00Z,2026-03-02T09:\(String(format: "%02d", index * 2 + 1)):00Z"
    }

    static func write(_ header: String, _ rows: [String], in directory: URL, suffix: String = "csv") throws -> String {
        let path = directory.appendingPathComponent("p-\(UUID().uuidString).\(suffix)").path
        try (([header] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let requestHeader = "id,service,location,channel,customer,submitted_at,status,closed_at,cost"

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func requestsAreAllOrNothingAcrossChunksAndIdempotent() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        func importing(_ path: String, _ extra: [String] = []) throws -> (status: Int32, output: String) {
            try CLITests.run(["import", "requests", path, "--db", "sqlite:\(directory.path)/x.sqlite", "--chunk-rows", "3"] + extra, in: directory)
        }
        // Lines 2-10 good (three chunks), line 11 (the fourth chunk) an unknown status, line 12 good.
        let bad = try Self.write(Self.requestHeader, (1...9).map { Self.request($0) } + [Self.request(10, status: "done"), Self.request(11)], in: directory)
        let failed = try importing(bad)
        #expect(failed.status != 0, "\(failed.output)")
        #expect(failed.output.contains("\(bad): line 11, column status: status must be one of"), "\(failed.output)")
        #expect(failed.output.contains("nothing was imported"), "\(failed.output)")

        let good = try Self.write(Self.requestHeader, (1...11).map { Self.request($0) }, in: directory)
        let imported = try importing(good)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("imported 11, already present 0, skipped 0 bad lines"), "nothing of the failed import was left: \(imported.output)")
        let again = try importing(good)
        #expect(again.output.contains("imported 0, already present 11, skipped 0 bad lines"), "\(again.output)")

        // --skip-bad: the bad line of the fourth chunk left out, the rest stored.
        let skipping = try importing(bad, ["--skip-bad"])
        #expect(skipping.status == 0, "\(skipping.output)")
        #expect(skipping.output.contains("skipped line 11: column status"), "\(skipping.output)")
        #expect(skipping.output.contains("imported 0, already present 10, skipped 1 bad lines"), "\(skipping.output)")

        // JSON, read whole, stored in the same chunks: r12-r15 new, r1 present.
        let json = directory.appendingPathComponent("r.json").path
        let items = (12...15).map { index in
            "{\"id\":\"r\(index)\",\"service\":\"passport\",\"channel\":\"web\",\"submitted_at\":\"2026-03-02T10:\(index):00Z\",\"status\":\"open\"}"
        }
        let first = "{\"id\":\"r1\",\"service\":\"passport\",\"location\":\"L02\",\"channel\":\"web\",\"customer\":\"C1\",\"submitted_at\":\"2026-03-02T09:01:00Z\",\"status\":\"open\"}"
        try ("[" + ([first] + items).joined(separator: ",") + "]").write(toFile: json, atomically: true, encoding: .utf8)
        let fromJSON = try importing(json, ["--format", "json"])
        #expect(fromJSON.output.contains("imported 4, already present 1, skipped 0 bad lines"), "\(fromJSON.output)")
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func agentStatesAreAllOrNothingAcrossChunksAndIdempotent() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        func importing(_ path: String) throws -> (status: Int32, output: String) {
            try CLITests.run(["import", "agent-states", path, "--db", "sqlite:\(directory.path)/x.sqlite", "--chunk-rows", "3"], in: directory)
        }
        let header = "agent,state,start,end"
        // Line 9 (the third chunk): an unknown state.
        let bad = try Self.write(header, (1...7).map { Self.state($0) } + [Self.state(8, state: "napping"), Self.state(9)], in: directory)
        let failed = try importing(bad)
        #expect(failed.status != 0, "\(failed.output)")
        #expect(failed.output.contains("\(bad): line 9, column state: state must be one of"), "\(failed.output)")
        #expect(failed.output.contains("nothing was imported"), "\(failed.output)")

        let good = try Self.write(header, (1...9).map { Self.state($0) }, in: directory)
        let imported = try importing(good)
        #expect(imported.output.contains("imported 9, already present 0, skipped 0 bad lines"), "nothing of the failed import was left: \(imported.output)")
        let again = try importing(good)
        #expect(again.output.contains("imported 0, already present 9, skipped 0 bad lines"), "\(again.output)")
    }

    /// `import transactions FILE` streams a CSV file as the others do: a bad line in the last chunk leaves nothing, a
    /// good file imports once, a retry adds nothing.
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func transactionsAreAllOrNothingAcrossChunksAndIdempotent() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        func importing(_ path: String) throws -> (status: Int32, output: String) {
            try CLITests.run(["import", "transactions", path, "--db", "sqlite:\(directory.path)/x.sqlite", "--chunk-rows", "3"], in: directory)
        }
        let header = "id,ts,customer,amount,quantity,location,channel,service"
        func purchase(_ index: Int, amount: String = "12.50") -> String {
            "t\(index),2026-03-02T09:\(String(format: "%02d", index)):00Z,C\(index % 4),\(amount),1,L01,other,"
        }
        // Line 9 (the third chunk): an amount that is not a number.
        let bad = try Self.write(header, (1...7).map { purchase($0) } + [purchase(8, amount: "twelve"), purchase(9)], in: directory)
        let failed = try importing(bad)
        #expect(failed.status != 0, "\(failed.output)")
        #expect(failed.output.contains("\(bad): line 9, column amount"), "\(failed.output)")
        #expect(failed.output.contains("nothing was imported"), "\(failed.output)")
        #expect(failed.output.contains("in chunks"), "the CSV file is streamed: \(failed.output)")

        let good = try Self.write(header, (1...9).map { purchase($0) }, in: directory)
        let imported = try importing(good)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("imported 9, already present 0"), "nothing of the failed import was left: \(imported.output)")
        let again = try importing(good)
        #expect(again.output.contains("imported 0, already present 9"), "\(again.output)")
    }

    /// The progress note is given each time the rows stored pass another multiple (`--progress-rows`, a million by
    /// default), also when no chunk's count lands on one: chunks of 3 store 3, 6, 9 and 10 rows, so a note every 4
    /// rows shows at 6 and at 9 (a note only on landing exactly on a multiple, as before, would show none).
    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func progressIsNotedOnPassingEachMultiple() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try Self.write(Self.requestHeader, (1...10).map { Self.request($0) }, in: directory)
        let result = try CLITests.run(
            ["import", "requests", file, "--db", "sqlite:\(directory.path)/x.sqlite", "--chunk-rows", "3", "--progress-rows", "4"],
            in: directory)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("imported 10"), "\(result.output)")
        let notes = result.output.split(separator: "\n").filter { $0.hasSuffix("rows stored…") }.map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(notes == ["6 rows stored…", "9 rows stored…"], "\(result.output)")
    }
}
