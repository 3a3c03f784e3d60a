import Foundation
import GRDB
import GRDBSQLite

/// Runs one prepared statement once per row of values, binding them with SQLite's own calls. GRDB's
/// `StatementArguments` builds every value through a generic, unspecialised path (a key path looked up per value):
/// about 8 % of a server's time under batches of feedback, for rows whose values are already plain integers, reals and
/// texts. The statement comes from GRDB's cache and is left reset with no bindings, so GRDB may use it again.
enum SQLiteRowBinding {
    /// `statement` once per row; the rows it returns (a `RETURNING` clause), with lower-cased column names.
    static func run(_ statement: Statement, rows: [[SQLValue]], in db: Database, returning: Bool) throws -> [SQLRow] {
        let columns = returning ? statement.columnNames.map { $0.lowercased() } : []
        var stored: [SQLRow] = []
        try each(statement, rows: rows, in: db) { handle, _ in
            if returning { stored.append(SQLRow(columns: columns, values: (0..<CInt(columns.count)).map { value(handle, $0) })) }
        }
        return stored
    }

    /// `statement`, an insert without `RETURNING`, once per row; of each row it stored, the values bound at the
    /// positions `reported`, named `names`. SQLite's count of the rows the statement changed says whether it stored the
    /// row (an `ON CONFLICT … DO NOTHING` that skipped it changed none), which spares the temporary table SQLite builds
    /// for every execution of an `INSERT … RETURNING`.
    static func runReportingStored(_ statement: Statement, rows: [[SQLValue]], in db: Database, reported: [Int], names: [String]) throws -> [SQLRow] {
        var stored: [SQLRow] = []
        try each(statement, rows: rows, in: db, returnsRows: false) { _, row in
            if sqlite3_changes(db.sqliteConnection) > 0 { stored.append(SQLRow(columns: names, values: reported.map { row[$0] })) }
        }
        return stored
    }

    /// Binds and steps `statement` for every row; `handle` is called with each row the statement returns (or, when it
    /// returns none, once after the row is done).
    private static func each(
        _ statement: Statement, rows: [[SQLValue]], in db: Database, returnsRows: Bool = true,
        _ handle: (OpaquePointer, [SQLValue]) throws -> Void
    ) throws {
        let statementHandle = statement.sqliteStatement
        let connection = db.sqliteConnection
        defer {
            sqlite3_reset(statementHandle)
            sqlite3_clear_bindings(statementHandle)
        }
        let parameters = Int(sqlite3_bind_parameter_count(statementHandle))
        for row in rows {
            sqlite3_reset(statementHandle)
            guard row.count == parameters else {
                throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(row.count) values for \(parameters) parameters", sql: statement.sql)
            }
            for (offset, value) in row.enumerated() {
                let index = CInt(offset + 1)
                let code: CInt = switch value {
                case .null: sqlite3_bind_null(statementHandle, index)
                case .int(let v): sqlite3_bind_int64(statementHandle, index, v)
                case .double(let v): sqlite3_bind_double(statementHandle, index, v)
                case .text(let v): bindText(v, statementHandle, index)
                }
                guard code == SQLITE_OK else { throw error(connection, statement) }
            }
            while true {
                let code = sqlite3_step(statementHandle)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else { throw error(connection, statement) }
                if returnsRows { try handle(statementHandle, row) }
            }
            if !returnsRows { try handle(statementHandle, row) }
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bindText(_ text: String, _ handle: OpaquePointer, _ index: CInt) -> CInt {
        var text = text
        return text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                // An empty text has no address: bind a zero-length text, not NULL.
                guard let address = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, transient) }
                return sqlite3_bind_text(handle, index, address, CInt(chars.count), transient)
            }
        }
    }

    private static func value(_ handle: OpaquePointer, _ column: CInt) -> SQLValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .int(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: .double(sqlite3_column_double(handle, column))
        default:
            // By its length: a text may hold a NUL.
            .text(sqlite3_column_text(handle, column).map { String(decoding: UnsafeBufferPointer(start: $0, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self) } ?? "")
        }
    }

    private static func error(_ connection: OpaquePointer?, _ statement: Statement) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)), message: String(cString: sqlite3_errmsg(connection)),
            sql: statement.sql)
    }
}
