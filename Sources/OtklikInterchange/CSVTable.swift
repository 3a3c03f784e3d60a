import Foundation
import OtklikCore

/// A whole CSV text read into a header and rows of cells (RFC 4180): fields may be quoted, a quoted field may
/// hold commas, doubled quotes and line breaks; CRLF, LF and CR all end a record; a UTF-8 byte-order mark is
/// ignored and blank lines are skipped. Used by the analysis commands, which take any CSV and pick columns by name.
public struct CSVTable: Sendable, Equatable {
    public var header: [String]
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// The index of a column, matched after trimming spaces; nil when absent.
    public func column(_ name: String) -> Int? {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        return header.firstIndex { $0.trimmingCharacters(in: .whitespaces) == wanted }
    }

    /// One column's cells, row by row.
    public func cells(_ column: Int) -> [String] {
        rows.map { column < $0.count ? $0[column] : "" }
    }

    /// Parses a text with Otklik's one ``CSVReader``; every row must have as many cells as the header.
    public static func parse(_ text: String, delimiter: Unicode.Scalar = ",") throws(CSVTableError) -> CSVTable {
        var reader = CSVReader(text: text, delimiter: Character(delimiter))
        let records: [CSVReader.Record]
        do {
            records = try reader.all()
        } catch {
            throw CSVTableError(line: error.line, message: "column \(error.column): \(error.message)")
        }
        guard let header = records.first?.cells else { throw CSVTableError(line: 1, message: "the file is empty") }
        let body = records.dropFirst()
        if let bad = body.first(where: { $0.cells.count != header.count }) {
            throw CSVTableError(line: bad.line, message: "the row has \(bad.cells.count) cells, the header \(header.count)")
        }
        return CSVTable(header: header, rows: body.map(\.cells))
    }
}

/// Why a CSV text could not be read.
public struct CSVTableError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int?
    public var message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
