import Foundation
import Testing

@testable import OtklikStore

/// `query(in:)` and `execute(in:)` run a statement once per 500 values of its `IN (…)` list, with the values bound
/// between the ones before and after them, on SQLite and PostgreSQL.
@Suite struct SQLInListTests {
    @Test(arguments: TestEngine.available) func aLongListIsReadInChunksAndFoundWhole(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let sql = database.sql
            try await sql.execute("CREATE TABLE in_list_probe (code TEXT PRIMARY KEY, kind TEXT NOT NULL, flag INTEGER NOT NULL)")
            let codes = (0..<1_234).map { String(format: "C%05d", $0) }
            try await sql.insertRows(
                "in_list_probe", columns: ["code", "kind", "flag"],
                rows: codes.enumerated().map { [.text($1), .text($0 % 2 == 0 ? "even" : "odd"), .int(0)] }, suffix: "")
            // 1,234 values plus 200 unknown ones: three statements of at most 500.
            let asked = codes + (0..<200).map { "X\($0)" }
            let rows = try await sql.query(in: asked, before: [.text("even")], after: [.int(0)]) { marks in
                "SELECT code FROM in_list_probe WHERE kind = ? AND code IN (\(marks)) AND flag = ?"
            }
            #expect(Set(rows.compactMap { $0.text("code") }) == Set(codes.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)))
            #expect(try await sql.query(in: [String](), { marks in "SELECT code FROM in_list_probe WHERE code IN (\(marks))" }).isEmpty)
            try await sql.execute(in: codes.prefix(777), before: [.int(1)]) { marks in "UPDATE in_list_probe SET flag = ? WHERE code IN (\(marks))" }
            #expect(try await sql.query("SELECT COUNT(*) AS n FROM in_list_probe WHERE flag = 1").first?.int64("n") == 777)
            #expect(SQLMarks.list(3) == "?, ?, ?")
        }
    }
}
