import CSV
import Foundation
import OtklikCore

/// The shared reader of Otklik's CSV imports: a header of known columns, required ones present,
/// every row read into column → cell (empty cells absent) and turned into a record. A bad row stops the
/// whole file with its line and column or, with `skipBad`, is listed and left out. Line numbers count
/// the newlines inside quoted cells; a UTF-8 byte-order mark is ignored. Reads a string or streams a
/// file in chunks (``next(limit:)``), so a file of millions of rows never sits in memory whole.
public final class RecordCSV<R: Sendable>: @unchecked Sendable {
    private let reader: CSVReader
    private let header: [String]
    private let skipBad: Bool
    private let record: ([String: String]) throws(OtklikError) -> R
    private var line = 2
    /// Rows refused so far (with `skipBad`).
    public private(set) var skipped: [ImportProblem] = []

    public init(
        reader: CSVReader, columns: [String], required: [String], skipBad: Bool, record: @escaping ([String: String]) throws(OtklikError) -> R
    ) throws {
        self.reader = reader
        header = (reader.headerRow ?? []).map { $0.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces).lowercased() }
        self.skipBad = skipBad
        self.record = record
        for column in header where !columns.contains(column) {
            throw OtklikError.invalid("line 1, column \(column)", "unknown column '\(column)'; the columns are \(columns.joined(separator: ","))")
        }
        for column in required where !header.contains(column) { throw OtklikError.invalid("line 1", "missing required column '\(column)'") }
    }

    public convenience init(
        text: String, columns: [String], required: [String], skipBad: Bool, record: @escaping ([String: String]) throws(OtklikError) -> R
    ) throws {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        try self.init(reader: try CSVReader(string: body, hasHeaderRow: true), columns: columns, required: required, skipBad: skipBad, record: record)
    }

    /// Streams a file.
    public convenience init(
        path: String, columns: [String], required: [String], skipBad: Bool, record: @escaping ([String: String]) throws(OtklikError) -> R
    ) throws {
        guard let stream = InputStream(fileAtPath: path) else { throw OtklikError.invalid("file", "cannot open \(path)") }
        try self.init(reader: try CSVReader(stream: stream, hasHeaderRow: true), columns: columns, required: required, skipBad: skipBad, record: record)
    }

    /// Up to `limit` more records with their lines; nil at the end of the file.
    public func next(limit: Int) throws -> [ImportRecord<R>]? {
        var records: [ImportRecord<R>] = []
        while records.count < limit, let row = reader.next() {
            let start = line
            line += 1 + row.reduce(0) { $0 + $1.reduce(0) { $1.isNewline ? $0 + 1 : $0 } }
            if row.count == 1 && row[0].isEmpty { continue }
            switch Self.read(row, header: header, record: record) {
            case .success(let value):
                records.append(ImportRecord(line: start, record: value))
            case .failure(let error):
                let place = error.field.map { $0.isEmpty ? "line \(start)" : "line \(start), column \($0)" } ?? "line \(start)"
                guard skipBad else { throw OtklikError.invalid(place, error.message) }
                let column = (error.field ?? "").isEmpty ? "" : "column \(error.field!): "
                skipped.append(ImportProblem(line: start, message: column + error.message))
            }
        }
        return records.isEmpty ? nil : records
    }

    /// Every record of the file.
    public func all() throws -> (records: [ImportRecord<R>], skipped: [ImportProblem]) {
        var records: [ImportRecord<R>] = []
        while let chunk = try next(limit: 10_000) { records += chunk }
        return (records, skipped)
    }

    /// Parses a whole text.
    public static func parse(
        _ text: String, columns: [String], required: [String], skipBad: Bool, record: @escaping ([String: String]) throws(OtklikError) -> R
    ) throws -> (records: [ImportRecord<R>], skipped: [ImportProblem]) {
        try RecordCSV(text: text, columns: columns, required: required, skipBad: skipBad, record: record).all()
    }

    static func read(_ row: [String], header: [String], record: ([String: String]) throws(OtklikError) -> R) -> Result<R, OtklikError> {
        guard row.count == header.count else { return .failure(.invalid("", "expected \(header.count) cells, found \(row.count)")) }
        var cells: [String: String] = [:]
        for (name, value) in zip(header, row) where !value.isEmpty { cells[name] = value }
        do {
            return .success(try record(cells))
        } catch {
            return .failure(error)
        }
    }
}
