import Foundation
import OtklikCore

/// The service catalogue as CSV: `code,name,available_online` — `SV07,Ипотека,false`; `available_online`
/// takes `true`/`false`, `1`/`0`, `yes`/`no`, `да`/`нет`, or is empty (not stated).
public enum ServiceCSV {
    public static let columns = ["code", "name", "available_online"]

    public static func parse(_ text: String) throws -> [Service] {
        let (records, _) = try RecordCSV.parse(text, columns: columns, required: ["code", "name"], skipBad: false) { cells throws(OtklikError) in
            let code = cells["code"] ?? "", name = cells["name"] ?? ""
            var available: Bool?
            if let flag = cells["available_online"]?.trimmingCharacters(in: .whitespaces).lowercased(), !flag.isEmpty {
                switch flag {
                case "true", "1", "yes", "да": available = true
                case "false", "0", "no", "нет": available = false
                default: throw .invalid("available_online", "available_online must be true or false (or empty: not stated)")
                }
            }
            return Service(code: code, name: name, availableOnline: available)
        }
        var seen: [String: Int] = [:]
        for record in records {
            if let first = seen[record.record.code] {
                throw OtklikError.invalid("line \(record.line)", "service \(record.record.code) is already listed on line \(first)")
            }
            seen[record.record.code] = record.line
        }
        return records.map(\.record)
    }
}
