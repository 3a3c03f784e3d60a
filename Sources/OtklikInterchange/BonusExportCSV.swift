import Foundation
import OtklikCore
import OtklikMetrics

/// The payroll export of a period's bonus figures: one row per staff member with representative invitations, RFC 4180
/// CSV with a header, decimals with a point (one digit; the response rate three), empty cells where a figure is
/// withheld, and a note saying why. `scripts/bonus-check` recomputes it from the database.
public enum BonusExportCSV {
    public static let header = [
        "staff_code", "staff_name", "period_from", "period_to", "invitations", "respondents", "response_rate_rr1", "nps_n", "nps", "nps_low",
        "nps_high", "csat_n", "csat_percent", "csat_low", "csat_high", "score", "bonus_percent", "note",
    ]

    public static func number(_ value: Double?, digits: Int = 1) -> String {
        value.map { String(format: "%.\(digits)f", $0) } ?? ""
    }

    public static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func csv(_ figures: [StaffBonusFigure], names: [String: String], days: (from: String, to: String), formula: BonusFormula) -> String {
        let lines = [header.joined(separator: ",")] + rows(figures, names: names, days: days, formula: formula).map { $0.map(field).joined(separator: ",") }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The same table as a workbook: the header, then one row per staff member; the counts and figures are numbers.
    public static func xlsx(_ figures: [StaffBonusFigure], names: [String: String], days: (from: String, to: String), formula: BonusFormula) throws -> Data {
        let text: Set<Int> = [0, 1, 2, 3, 17]
        let body = rows(figures, names: names, days: days, formula: formula).map { row in
            row.enumerated().map { index, value in text.contains(index) ? XLSXWorkbook.Cell.text(value) : .number(value) }
        }
        return try XLSXWorkbook(sheetName: "bonus", rows: [header.map(XLSXWorkbook.Cell.text)] + body).data()
    }

    /// One row of cells (as the CSV writes them) per staff member.
    public static func rows(_ figures: [StaffBonusFigure], names: [String: String], days: (from: String, to: String), formula: BonusFormula) -> [[String]] {
        var rows: [[String]] = []
        for figure in figures {
            let note = figure.score == nil ? "fewer than \(formula.minimumN) respondents: no figure" : ""
            let row = [
                figure.staff, names[figure.staff] ?? figure.staff, days.from, days.to, String(figure.outcomes.total),
                String(figure.outcomes.completed + figure.outcomes.partial), number(figure.responseRate, digits: 3), String(figure.npsN),
                number(figure.nps?.value), number(figure.nps?.interval?.low), number(figure.nps?.interval?.high), String(figure.csatN),
                number(figure.csatPercent?.value), number(figure.csatPercent?.interval?.low), number(figure.csatPercent?.interval?.high),
                number(figure.score), number(figure.bonusPercent), note,
            ]
            rows.append(row)
        }
        return rows
    }
}
