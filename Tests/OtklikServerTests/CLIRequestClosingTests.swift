import Foundation
import Testing

extension CLITests {
    /// `otklik import requests` takes a request's closing like the API (issue 19 item 6): the same row with its status
    /// moved on closes the stored request and says so; the file again changes nothing; a closed request changed again is
    /// refused naming its line and field, and nothing of that file is imported.
    @Test(.enabled(if: binary != nil, "the otklik executable is not built"))
    func importingARequestAgainClosedClosesIt() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        let header = "id,service,location,channel,customer,submitted_at,status,closed_at,cost\n"
        func file(_ name: String, _ rows: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try (header + rows).write(to: url, atomically: true, encoding: .utf8)
            return url.path
        }
        let opened = try file("open.csv", "r1,passport,L01,web,C1,2026-11-02T09:00:00Z,open,,\nr2,passport,L01,web,C2,2026-11-02T10:00:00Z,open,,\n")
        let first = try Self.run(["import", "requests", opened], in: directory)
        #expect(first.status == 0 && first.output.contains("imported 2, already present 0"), "\(first.output)")
        let closed = try file("closed.csv", "r1,passport,L01,web,C1,2026-11-02T09:00:00Z,completed,2026-11-05T15:30:00Z,1500\n")
        let closing = try Self.run(["import", "requests", closed], in: directory)
        #expect(closing.status == 0 && closing.output.contains("imported 0, closed (status moved on) 1, already present 0"), "\(closing.output)")
        let again = try Self.run(["import", "requests", closed], in: directory)
        #expect(again.status == 0 && again.output.contains("imported 0, already present 1"), "\(again.output)")
        let changed = try file(
            "changed.csv", "r2,passport,L01,web,C2,2026-11-02T10:00:00Z,rejected,2026-11-03T10:00:00Z,\nr1,passport,L01,web,C1,2026-11-02T09:00:00Z,withdrawn,2026-11-05T15:30:00Z,1500\n")
        let refused = try Self.run(["import", "requests", changed], in: directory)
        #expect(refused.status != 0 && refused.output.contains("status") && refused.output.contains("nothing was imported"), "\(refused.output)")
        let completion = try Self.run(["metrics", "completion", "--min-n", "1"], in: directory)
        // r1 completed, r2 still open (the refused file closed nothing): 1 of 2.
        #expect(completion.status == 0 && completion.output.contains("50"), "\(completion.output)")
    }
}
