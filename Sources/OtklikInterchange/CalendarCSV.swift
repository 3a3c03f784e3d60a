import Foundation
import OtklikCore

/// The working-day calendar's exceptions: `date,working,name` — `2026-01-07,holiday,Christmas` or
/// `2026-11-01,working,transferred working Saturday` (`working` also takes `1`/`0`, `true`/`false`).
public enum CalendarCSV {
    public static let columns = ["date", "working", "name"]

    public static func parse(_ text: String) throws -> [CalendarDay] {
        let (records, _) = try RecordCSV.parse(text, columns: columns, required: ["date", "working"], skipBad: false) { cells throws(OtklikError) in
            let date = cells["date"] ?? ""
            guard let day = CalendarDay.validDate(date) else { throw .invalid("date", "date must be YYYY-MM-DD") }
            let flag = (cells["working"] ?? "").lowercased()
            let working: Bool
            switch flag {
            case "working", "work", "1", "true", "рабочий": working = true
            case "holiday", "off", "0", "false", "выходной", "праздник": working = false
            default: throw .invalid("working", "working must be 'working' or 'holiday'")
            }
            return CalendarDay(date: day, working: working, name: cells["name"])
        }
        var seen: [String: Int] = [:]
        for record in records {
            if let first = seen[record.record.date] {
                throw OtklikError.invalid("line \(record.line)", "\(record.record.date) is already listed on line \(first)")
            }
            seen[record.record.date] = record.line
        }
        return records.map(\.record)
    }
}
