import CSV
import Foundation
import OtklikCore

/// The generic interaction CSV: `id,arrived_at,channel,queue,location,agent,service,customer,topic,outcome,
/// wait_s,talk_s,hold_s,wrap_s,transferred`; `id`, `arrived_at`, `channel` and `outcome` are required.
public enum InteractionCSV {
    static let required = ["id", "arrived_at", "channel", "outcome"]

    /// Parses and validates a whole file. Bad rows stop it with line and column, or with `skipBad`
    /// are listed and left out.
    public static func parse(_ text: String, skipBad: Bool = false, now: Date = Date()) throws -> (records: [ImportRecord<Interaction>], skipped: [ImportProblem]) {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader = try CSVReader(string: body, hasHeaderRow: true)
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for column in header where !InteractionJSON.columns.contains(column) {
            throw OtklikError.invalid("line 1, column \(column)", "unknown column '\(column)'; the columns are \(InteractionJSON.columns.joined(separator: ","))")
        }
        for column in required where !header.contains(column) { throw OtklikError.invalid("line 1", "missing required column '\(column)'") }
        var records: [ImportRecord<Interaction>] = []
        var skipped: [ImportProblem] = []
        var line = 2
        while let row = reader.next() {
            let start = line
            line += 1 + row.reduce(0) { $0 + $1.reduce(0) { $1.isNewline ? $0 + 1 : $0 } }
            if row.count == 1 && row[0].isEmpty { continue }
            do {
                guard row.count == header.count else { throw OtklikError.invalid("", "expected \(header.count) cells, found \(row.count)") }
                var cells: [String: String] = [:]
                for (name, value) in zip(header, row) where !value.isEmpty { cells[name] = value }
                let interaction = try InteractionJSON(cells: cells).interaction()
                try interaction.validate(now: now)
                records.append(ImportRecord(line: start, record: interaction))
            } catch let error as OtklikError {
                let place = error.field.map { $0.isEmpty ? "line \(start)" : "line \(start), column \($0)" } ?? "line \(start)"
                guard skipBad else { throw OtklikError.invalid(place, error.message) }
                let column = (error.field ?? "").isEmpty ? "" : "column \(error.field!): "
                skipped.append(ImportProblem(line: start, message: column + error.message))
            }
        }
        return (records, skipped)
    }
}
