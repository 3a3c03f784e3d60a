import Foundation
import OtklikInterchange
import OtklikMetrics

/// Reading the CSV file an `otklik analyze` command works on: any columns, picked by name.
struct AnalyzeInput {
    let file: String
    let table: CSVTable

    init(_ file: String) throws {
        self.file = file
        do {
            table = try CSVTable.parse(try readInput(file))
        } catch let error as CSVTableError {
            throw CommandFailure("\(file): \(error)")
        }
    }

    /// A column's cells; an unknown name fails with the list of the file's columns.
    func cells(_ name: String) throws -> [String] {
        guard let index = table.column(name) else {
            throw CommandFailure("\(file): no column '\(name)'; the columns are \(table.header.joined(separator: ","))")
        }
        return table.cells(index)
    }

    /// A column as numbers: a cell that is empty or not a number (a decimal comma is accepted) is missing, unless
    /// `map` gives it a value (e.g. positive=1,negative=0; matched after trimming, case-insensitive).
    func numbers(_ name: String, map: [String: Double] = [:]) throws -> [Double?] {
        try cells(name).map { cell in
            let text = cell.trimmingCharacters(in: .whitespaces)
            if let mapped = map[text.lowercased()] { return mapped }
            return Double(text.replacingOccurrences(of: ",", with: ".")).flatMap { $0.isFinite ? $0 : nil }
        }
    }

    /// Parses `label=value,label=value`.
    static func valueMap(_ text: String?, option: String) throws -> [String: Double] {
        guard let text else { return [:] }
        var map: [String: Double] = [:]
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else {
                throw CommandFailure("--\(option) must look like positive=1,both=0.5,negative=0; '\(entry)' does not")
            }
            map[parts[0].lowercased()] = value
        }
        return map
    }
}

/// Pretty-printed JSON on standard output.
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(value), as: UTF8.self))
}

/// A number with a fixed count of decimals, empty for nil.
func decimal(_ value: Double?, _ digits: Int = 3) -> String {
    value.map { String(format: "%.\(digits)f", $0) } ?? ""
}

/// Left-aligned columns for a plain-text table.
func printColumns(_ rows: [[String]]) {
    let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    for row in rows {
        let line = row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        print(line.trimmingCharacters(in: .whitespaces))
    }
}
