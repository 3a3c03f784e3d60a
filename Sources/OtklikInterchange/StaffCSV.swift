import Foundation
import OtklikCore

/// Staff as CSV, for `otklik import staff` and `otklik export staff`:
/// `code,name,location,role,email,team,hired_on,left_on` — `S014,Анна Петрова,L03,operator,anna@example.ru,T2,2023-09-01,`.
/// Only code and name are required; dates are `YYYY-MM-DD` and `left_on` is never before `hired_on`
/// (``Staff/validateEmployment()``). One bad row stops the file with its line and column; a code listed twice too.
public enum StaffCSV {
    public static let columns = ["code", "name", "location", "role", "email", "team", "hired_on", "left_on"]

    public static func parse(_ text: String) throws -> [Staff] {
        let (records, _) = try RecordCSV.parse(text, columns: columns, required: ["code", "name"], skipBad: false) { cells throws(OtklikError) in
            func cell(_ name: String) -> String? {
                let value = cells[name]?.trimmingCharacters(in: .whitespaces)
                return value?.isEmpty ?? true ? nil : value
            }
            let staff = Staff(
                code: cell("code") ?? "", name: cell("name") ?? "", location: cell("location"), role: cell("role"), email: cell("email"),
                team: cell("team"), hiredOn: cell("hired_on"), leftOn: cell("left_on"))
            try Identifier.validate(staff.code, field: "code")
            try staff.validateEmployment()
            return staff
        }
        var seen: [String: Int] = [:]
        for record in records {
            if let first = seen[record.record.code] {
                throw OtklikError.invalid("line \(record.line)", "staff member \(record.record.code) is already listed on line \(first)")
            }
            seen[record.record.code] = record.line
        }
        return records.map(\.record)
    }

    /// The file ``parse(_:)`` reads back: a header and one row per staff member, in the order given.
    public static func text(_ staff: [Staff]) throws -> String {
        let writer = try CSVRowWriter(header: columns)
        for member in staff {
            try writer.write([
                member.code, member.name, member.location ?? "", member.role ?? "", member.email ?? "", member.team ?? "",
                member.hiredOn ?? "", member.leftOn ?? "",
            ])
        }
        return writer.text
    }
}
