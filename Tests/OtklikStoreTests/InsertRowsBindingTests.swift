import Foundation
import Testing

@testable import OtklikStore

/// `insertRows` binds every kind of value faithfully on both engines (SQLite's writer binds them itself, row by row:
/// ``SQLiteRowBinding``): texts empty, with control characters, non-Latin and long; NULL; the extreme integers; reals. `RETURNING`
/// gives back exactly the rows stored, a unique key taken by another row is the engine's unique violation, and the
/// prepared statement is left clean for the next use.
@Suite struct InsertRowsBindingTests {
    static let texts = ["", "a\tb\nc", "Очередь — 40 минут 😡", String(repeating: "x", count: 100_000), "'; DROP TABLE t; --"]

    @Test(arguments: TestEngine.available) func everyKindOfValueRoundTrips(engine: TestEngine) async throws {
        try await engine.withDatabase { database in
            let sql = database.sql
            try await sql.execute("CREATE TABLE binding_probe (id TEXT PRIMARY KEY, body TEXT, n BIGINT, x DOUBLE PRECISION)")
            let rows: [[SQLValue]] = Self.texts.enumerated().map { offset, text in
                [.text("t\(offset)"), .text(text), .int(offset % 2 == 0 ? Int64.max : Int64.min), .double(Double(offset) / 3)]
            } + [[.text("null"), .null, .null, .null]]
            try await sql.transaction { tx in try await tx.insertRows("binding_probe", columns: ["id", "body", "n", "x"], rows: rows, suffix: "") }
            let stored = try await sql.query("SELECT id, body, n, x FROM binding_probe ORDER BY id")
            #expect(stored.count == rows.count)
            for (offset, text) in Self.texts.enumerated() {
                let row = try #require(stored.first { $0.text("id") == "t\(offset)" })
                #expect(row.text("body") == text)
                #expect(row.int64("n") == (offset % 2 == 0 ? Int64.max : Int64.min))
                #expect(row["x"].double == Double(offset) / 3)
            }
            let empty = try #require(stored.first { $0.text("id") == "null" })
            #expect(empty["body"] == .null && empty["n"] == .null && empty["x"] == .null)

            // RETURNING: only the rows this statement stored; the one already there is skipped.
            let returned = try await sql.transaction { tx in
                try await tx.insertRows(
                    "binding_probe", columns: ["id", "body", "n", "x"],
                    rows: [[.text("t0"), .text("again"), .int(1), .double(1)], [.text("new"), .text("a\"z"), .int(7), .null]],
                    suffix: "ON CONFLICT (id) DO NOTHING", returning: "id, body, n")
            }
            #expect(returned.map { $0.text("id") } == ["new"])
            #expect(returned.first?.text("body") == "a\"z" && returned.first?.int64("n") == 7)
            // A key twice in one call: the first row is stored and returned, the second skipped.
            let twice = try await sql.transaction { tx in
                try await tx.insertRows(
                    "binding_probe", columns: ["id", "body", "n", "x"],
                    rows: [[.text("dup"), .text("first"), .null, .null], [.text("dup"), .text("second"), .null, .null]],
                    suffix: "ON CONFLICT (id) DO NOTHING", returning: "id, body")
            }
            #expect(twice.map { $0.text("body") } == ["first"])
            // An upsert returns the row as stored, not as bound (SQLite keeps `RETURNING` for it).
            let upserted = try await sql.transaction { tx in
                try await tx.insertRows(
                    "binding_probe", columns: ["id", "body"], rows: [[.text("new"), .text("changed")]],
                    suffix: "ON CONFLICT (id) DO UPDATE SET body = excluded.body || '!'", returning: "id, body")
            }
            #expect(upserted.map { $0.text("body") } == ["changed!"])

            // A taken key is the engine's unique violation, and nothing of the transaction stays.
            do {
                try await sql.transaction { tx in
                    try await tx.insertRows("binding_probe", columns: ["id", "body", "n", "x"], rows: [[.text("other"), .null, .null, .null], [.text("t1"), .null, .null, .null]], suffix: "")
                }
                Issue.record("a duplicate key was stored")
            } catch {
                #expect(sql.isUniqueViolation(error), "\(error)")
            }
            #expect(try await sql.query("SELECT id FROM binding_probe WHERE id = 'other'").isEmpty)
            // The statement is reused cleanly afterwards (reset, no bindings left over).
            try await sql.transaction { tx in try await tx.insertRows("binding_probe", columns: ["id", "body", "n", "x"], rows: [[.text("after"), .null, .int(3), .null]], suffix: "") }
            #expect(try await sql.query("SELECT n FROM binding_probe WHERE id = 'after'").first?.int64("n") == 3)
        }
    }

    /// SQLite reports a stored row from its bound values only where that is what `RETURNING` would give.
    @Test func sqliteReportsStoredRowsFromTheirValuesOnlyWhenTheyAreAsBound() {
        let columns = ["id", "Body", "n"]
        #expect(SQLiteDatabase.boundReturning("id", columns: columns, suffix: "ON CONFLICT (id) DO NOTHING")?.positions == [0])
        #expect(SQLiteDatabase.boundReturning("n, body", columns: columns, suffix: "")?.positions == [2, 1])
        #expect(SQLiteDatabase.boundReturning("n, body", columns: columns, suffix: "")?.names == ["n", "body"])
        #expect(SQLiteDatabase.boundReturning("id", columns: columns, suffix: "ON CONFLICT (id) DO UPDATE SET n = 1") == nil)
        #expect(SQLiteDatabase.boundReturning("rowid", columns: columns, suffix: "") == nil)
        #expect(SQLiteDatabase.boundReturning("id AS key", columns: columns, suffix: "") == nil)
        #expect(SQLiteDatabase.boundReturning("*", columns: columns, suffix: "") == nil)
    }

    @Test func aRowWithTheWrongNumberOfValuesIsRefusedOnSQLite() async throws {
        try await TestEngine.sqlite.withDatabase { database in
            let sql = database.sql
            try await sql.execute("CREATE TABLE binding_count (a TEXT, b TEXT)")
            await #expect(throws: (any Error).self) {
                try await sql.transaction { tx in try await tx.insertRows("binding_count", columns: ["a", "b"], rows: [[.text("1")]], suffix: "") }
            }
            #expect(try await sql.query("SELECT COUNT(*) AS n FROM binding_count").first?.int64("n") == 0)
        }
    }
}
