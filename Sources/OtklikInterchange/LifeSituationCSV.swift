import Foundation
import OtklikCore

/// The life-situation catalogue as CSV (`otklik situations import FILE.csv`): one row per signal,
/// `code,name_ru,name_en,window_days,min_signals,signal_kind,signal_code,services` (services separated by `;`). A
/// situation's names, window, minimum and services come from its first row; its later rows may leave them empty (or
/// repeat them). Checked as the JSON is (``LifeSituationDefinition``); an error names the line and the field.
public enum LifeSituationCSV {
    public static let columns = ["code", "name_ru", "name_en", "window_days", "min_signals", "signal_kind", "signal_code", "services"]

    public static func parse(_ text: String) throws(OtklikError) -> [LifeSituation] {
        let table: CSVTable
        do {
            table = try CSVTable.parse(text)
        } catch {
            throw OtklikError(.invalidInput, (error.line.map { "line \($0): " } ?? "") + error.message)
        }
        var index: [String: Int] = [:]
        for name in columns {
            guard let column = table.column(name) else { throw .invalid(name, "the CSV needs the columns \(columns.joined(separator: ","))") }
            index[name] = column
        }
        guard !table.rows.isEmpty else { throw OtklikError(.invalidInput, "the CSV has no rows") }
        var order: [String] = []
        var objects: [String: [String: Any]] = [:]
        var lines: [String: Int] = [:]
        for (number, row) in table.rows.enumerated() {
            func cell(_ name: String) -> String { row[index[name]!].trimmingCharacters(in: .whitespaces) }
            let line = number + 2
            let code = cell("code")
            var object = objects[code] ?? [:]
            if objects[code] == nil {
                order.append(code)
                lines[code] = line
                object["code"] = code
                object["name_ru"] = cell("name_ru")
                object["name_en"] = cell("name_en")
                for key in ["window_days", "min_signals"] where !cell(key).isEmpty {
                    guard let value = Int(cell(key)) else { throw OtklikError.invalid(key, "line \(line): a whole number") }
                    object[key] = NSNumber(value: value)
                }
                object["services"] = cell("services").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                object["signals"] = [Any]()
            }
            var signals = object["signals"] as? [Any] ?? []
            signals.append(["kind": cell("signal_kind"), "code": cell("signal_code")])
            object["signals"] = signals
            objects[code] = object
        }
        var situations: [LifeSituation] = []
        for code in order {
            do throws(OtklikError) {
                situations.append(try LifeSituationDefinition.parse(objects[code]!))
            } catch {
                throw error.prefixingField("line \(lines[code] ?? 0) (\(code))")
            }
        }
        return situations
    }
}
