import Foundation

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

    /// Parses a text; every row must have as many cells as the header.
    public static func parse(_ text: String, delimiter: Unicode.Scalar = ",") throws(CSVTableError) -> CSVTable {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false, afterQuote = false, fieldStarted = false
        var line = 1, recordLine = 1
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        if let first = scalars.next(), first != "\u{FEFF}" { pending = first }

        func endField() {
            record.append(String(field))
            field = String.UnicodeScalarView()
            afterQuote = false
            fieldStarted = false
        }
        func endRecord() {
            endField()
            if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
            record = []
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case delimiter:
                endField()
            case "\r", "\n":
                if scalar == "\r" {
                    let next = scalars.next()
                    if next != "\n" { pending = next }
                }
                endRecord()
                line += 1
                recordLine = line
            case "\"" where !fieldStarted:
                quoted = true
                fieldStarted = true
            default:
                if afterQuote { throw CSVTableError(line: line, message: "text after a closing quote") }
                field.append(scalar)
                fieldStarted = true
            }
        }
        if quoted { throw CSVTableError(line: recordLine, message: "a quoted field is never closed") }
        if fieldStarted || !record.isEmpty || !field.isEmpty { endRecord() }

        guard let header = records.first else { throw CSVTableError(line: 1, message: "the file is empty") }
        let body = Array(records.dropFirst())
        if let bad = body.firstIndex(where: { $0.count != header.count }) {
            throw CSVTableError(line: nil, message: "data row \(bad + 1) has \(body[bad].count) cells, the header \(header.count)")
        }
        return CSVTable(header: header, rows: body)
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
