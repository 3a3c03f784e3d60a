import Foundation
import Testing
@testable import OtklikInterchange

/// The monthly report's XLSX writer: date serials as spreadsheets count them, sheet names a spreadsheet accepts,
/// numbers as numbers and text escaped. (The file itself is read back by scripts/reference/report_xlsx.py in
/// MonthlyReportTests.)
@Suite struct SpreadsheetWorkbookTests {
    /// 2000-01-01 is serial 36526 and 2026-10-01 is 46296 (days since 1899-12-30, Python's date arithmetic).
    @Test func dateSerials() {
        #expect(SpreadsheetWorkbook.serial(year: 2000, month: 1, day: 1) == 36526)
        #expect(SpreadsheetWorkbook.serial(year: 2026, month: 10, day: 1) == 46296)
        #expect(SpreadsheetWorkbook.serial(year: 2026, month: 2, day: 30) == nil)
    }

    @Test func sheetNamesAreShortUniqueAndLegal() {
        let book = SpreadsheetWorkbook(sheets: [
            .init(name: "Locations NPS", header: [], rows: []), .init(name: "Locations NPS", header: [], rows: []),
            .init(name: "a/b:c?", header: [], rows: []), .init(name: String(repeating: "Я", count: 40), header: [], rows: []),
            .init(name: "  ", header: [], rows: []),
        ])
        #expect(book.sheetNames == ["Locations NPS", "Locations NPS~2", "a_b_c_", String(repeating: "Я", count: 31), "Sheet5"])
    }

    @Test func cellsAreTypedAndEscaped() throws {
        let sheet = SpreadsheetWorkbook.Sheet(
            name: "T", header: ["Month", "NPS"],
            rows: [[.month(year: 2026, month: 10), .number(50)], [.text("<b>&"), .number(-12.25)], [.date(year: 2026, month: 10, day: 31), .empty]])
        let xml = SpreadsheetWorkbook.sheetXML(sheet, declaration: "")
        #expect(xml.contains(#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">Month</t></is></c>"#))
        #expect(xml.contains(#"<c r="A2" s="3"><v>46296</v></c><c r="B2"><v>50</v></c>"#))
        #expect(xml.contains(#"<t xml:space="preserve">&lt;b&gt;&amp;</t>"#) && xml.contains(#"<c r="B3"><v>-12.25</v></c>"#))
        #expect(xml.contains(#"<c r="A4" s="2"><v>46326</v></c></row>"#))
        let data = try SpreadsheetWorkbook(sheets: [sheet]).data()
        #expect(data.starts(with: [0x50, 0x4B, 0x03, 0x04]), "a zip")
    }
}
