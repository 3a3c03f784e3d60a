import Foundation
import OtklikCore

/// The shared reader of Otklik's CSV imports: a header of known columns, required ones present,
/// every row read into column → cell (empty cells absent; a ``CSVRow``, or a dictionary for the readers that take one)
/// and turned into a record. A bad row stops the
/// whole file with its line and column or, with `skipBad`, is listed and left out. Rows come from Otklik's one
/// ``CSVReader`` (line numbers count the newlines inside quoted cells; malformed CSV — a quote never closed, a NUL —
/// stops the file with its line and column even with `skipBad`, as no later row can be trusted). Reads a string or
/// streams a file in chunks (``next(limit:)``), so a file of millions of rows never sits in memory whole.
public final class RecordCSV<R: Sendable>: @unchecked Sendable {
    private var reader: CSVReader
    private let header: [String]
    private let skipBad: Bool
    private let record: (CSVRow) throws(OtklikError) -> R
    /// Rows refused so far (with `skipBad`).
    public private(set) var skipped: [ImportProblem] = []

    public convenience init(
        reader: CSVReader, columns: [String], required: [String], skipBad: Bool, record: @escaping ([String: String]) throws(OtklikError) -> R
    ) throws {
        try self.init(reader: reader, columns: columns, required: required, skipBad: skipBad, row: { row throws(OtklikError) in try record(row.dictionary) })
    }

    /// Reads each row as a ``CSVRow`` (no dictionary per row: what a file of millions of rows wants).
    public init(
        reader: CSVReader, columns: [String], required: [String], skipBad: Bool, row record: @escaping (CSVRow) throws(OtklikError) -> R
    ) throws {
        var reader = reader
        header = try Self.located { () throws(CSVError) in try reader.next()?.cells ?? [] }
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.reader = reader
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
        try self.init(reader: CSVReader(text: text), columns: columns, required: required, skipBad: skipBad, record: record)
    }

    /// Reads a whole text, each row as a ``CSVRow``.
    public convenience init(
        text: String, columns: [String], required: [String], skipBad: Bool, row: @escaping (CSVRow) throws(OtklikError) -> R
    ) throws {
        try self.init(reader: CSVReader(text: text), columns: columns, required: required, skipBad: skipBad, row: row)
    }

    /// Streams a file.
    public convenience init(
        path: String, columns: [String], required: [String], skipBad: Bool, record: @escaping ([String: String]) throws(OtklikError) -> R
    ) throws {
        guard let reader = CSVReader(path: path) else { throw OtklikError.invalid("file", "cannot open \(path)") }
        try self.init(reader: reader, columns: columns, required: required, skipBad: skipBad, record: record)
    }

    /// Streams a file, each row as a ``CSVRow``.
    public convenience init(
        path: String, columns: [String], required: [String], skipBad: Bool, row: @escaping (CSVRow) throws(OtklikError) -> R
    ) throws {
        guard let reader = CSVReader(path: path) else { throw OtklikError.invalid("file", "cannot open \(path)") }
        try self.init(reader: reader, columns: columns, required: required, skipBad: skipBad, row: row)
    }

    /// Up to `limit` more records with their lines; nil at the end of the file.
    public func next(limit: Int) throws -> [ImportRecord<R>]? {
        var records: [ImportRecord<R>] = []
        while records.count < limit, let next = try Self.located({ () throws(CSVError) in try reader.next() }, header: header) {
            let start = next.line
            switch Self.read(next.cells, header: header, record: record) {
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

    /// Runs a read of the reader; malformed CSV becomes an input error naming its line and column
    /// (the column's name when the header has one).
    static func located<T>(_ body: () throws(CSVError) -> T, header: [String] = []) throws(OtklikError) -> T {
        do {
            return try body()
        } catch {
            let column = error.column <= header.count ? header[error.column - 1] : String(error.column)
            throw OtklikError.invalid("line \(error.line), column \(column)", error.message)
        }
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

    static func read(_ row: [String], header: [String], record: (CSVRow) throws(OtklikError) -> R) -> Result<R, OtklikError> {
        guard row.count == header.count else { return .failure(.invalid("", "expected \(header.count) cells, found \(row.count)")) }
        do {
            return .success(try record(CSVRow(header: header, cells: row)))
        } catch {
            return .failure(error)
        }
    }
}
