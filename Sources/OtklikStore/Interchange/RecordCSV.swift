import CSV
import Foundation
import OtklikCore

/// The shared reader of Otklik's CSV imports: a header of known columns, required ones present,
/// every row read into column → cell (empty cells absent) and turned into a record. A bad row stops the
/// whole file with its line and column or, with `skipBad`, is listed and left out. Line numbers count
/// the newlines inside quoted cells; a UTF-8 byte-order mark is ignored.
public enum RecordCSV {
    public static func parse<R: Sendable>(
        _ text: String, columns: [String], required: [String], skipBad: Bool,
        record: ([String: String]) throws(OtklikError) -> R
    ) throws -> (records: [ImportRecord<R>], skipped: [ImportProblem]) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader = try CSVReader(string: body, hasHeaderRow: true)
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in header where !columns.contains(column) {
            throw OtklikError.invalid("line 1, column \(column)", "unknown column '\(column)'; the columns are \(columns.joined(separator: ","))")
        }
        for column in required where !header.contains(column) { throw OtklikError.invalid("line 1", "missing required column '\(column)'") }
        var records: [ImportRecord<R>] = []
        var skipped: [ImportProblem] = []
        var line = 2
        while let row = reader.next() {
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
        return (records, skipped)
    }

    static func read<R>(_ row: [String], header: [String], record: ([String: String]) throws(OtklikError) -> R) -> Result<R, OtklikError> {
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
