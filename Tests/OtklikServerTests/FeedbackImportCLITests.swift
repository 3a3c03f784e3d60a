import Foundation
import Testing

/// Issue 22: `otklik import feedback FILE` streams the file in chunks inside one transaction (here chunks of 3 rows,
/// `--chunk-rows`, for the command's 20,000): all or nothing across chunks, a retry adds nothing, a conflicting id
/// stops it, each error naming its line and column.
@Suite struct FeedbackImportCLITests {
    static func rows(_ ids: ClosedRange<Int>, nps: Int = 8) -> [String] {
        ids.map { "f\($0),2026-03-02T09:\(String(format: "%02d", $0)):00Z,qr_web,L0\($0 % 3 + 1),\(nps),Comment number \($0)" }
    }

    static func write(_ rows: [String], in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("f-\(UUID().uuidString).csv").path
        try ((["id,ts,channel,location,nps,comment"] + rows).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(.enabled(if: CLITests.binary != nil, "the otklik executable is not built"))
    func aStreamedImportIsAllOrNothingAcrossChunksAndIdempotent() throws {
        let directory = try CLITests.scratchFolder()
        defer { try? FileManager.default.removeItem(at: directory) }
        func importing(_ path: String) throws -> (status: Int32, output: String) {
            try CLITests.run(["import", "feedback", path, "--db", "sqlite:\(directory.path)/x.sqlite", "--chunk-rows", "3"], in: directory)
        }
        // Line 6 (the second chunk): an NPS of 11.
        let bad = try Self.write(Self.rows(1...4) + Self.rows(5...5, nps: 11) + Self.rows(6...8), in: directory)
        let failed = try importing(bad)
        #expect(failed.status != 0, "\(failed.output)")
        #expect(failed.output.contains("line 6, column nps: nps must be an integer 0-10; nothing was imported"), "\(failed.output)")

        let good = try Self.write(Self.rows(1...8), in: directory)
        let imported = try importing(good)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.output.contains("imported 8, already present 0"), "nothing of the failed import was left: \(imported.output)")
        let again = try importing(good)
        #expect(again.output.contains("imported 0, already present 8"), "\(again.output)")

        // New ids, then f4 (line 5, the second chunk) with another score.
        let conflicting = try Self.write(Self.rows(9...11) + Self.rows(4...4, nps: 2), in: directory)
        let refused = try importing(conflicting)
        #expect(refused.status != 0, "\(refused.output)")
        #expect(refused.output.contains("line 5, column id: id 'f4' is already used by a different record; nothing was imported"), "\(refused.output)")
        let after = try importing(try Self.write(Self.rows(9...11), in: directory))
        #expect(after.output.contains("imported 3, already present 0"), "f9-f11 were rolled back: \(after.output)")
    }
}
