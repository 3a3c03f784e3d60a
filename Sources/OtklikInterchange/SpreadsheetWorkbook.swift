import Foundation

/// An Office Open XML workbook (`.xlsx`) of several sheets, zipped by ``OfficeArchive``: numbers are numbers, dates are
/// date serials with a date format (`yyyy-mm-dd`, or `yyyy-mm` for a month), text is inline strings; the first row of
/// each sheet is its header (bold). The parts are the minimum a spreadsheet program needs: content types, the package
/// and workbook relationships, the workbook, a style sheet and one part per sheet.
public struct SpreadsheetWorkbook: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        /// A calendar day (year, month, day), written as a date serial with the `yyyy-mm-dd` format.
        case date(year: Int, month: Int, day: Int)
        /// A calendar month, written as the serial of its first day with the `yyyy-mm` format.
        case month(year: Int, month: Int)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]

        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    public var sheets: [Sheet]

    public init(sheets: [Sheet]) {
        self.sheets = sheets
    }

    public func data() throws -> Data {
        try OfficeArchive.zip(parts: parts())
    }

    /// Sheet names as a spreadsheet accepts them: at most 31 characters, none of `[]:*?/\`, unique, never empty.
    var sheetNames: [String] {
        var used: Set<String> = [], names: [String] = []
        for (index, sheet) in sheets.enumerated() {
            var name = String(sheet.name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31)).trimmingCharacters(in: .whitespaces)
            if name.isEmpty { name = "Sheet\(index + 1)" }
            var candidate = name, suffix = 2
            while used.contains(candidate.lowercased()) {
                candidate = String(name.prefix(31 - String(suffix).count - 1)) + "~\(suffix)"
                suffix += 1
            }
            used.insert(candidate.lowercased())
            names.append(candidate)
        }
        return names
    }

    private func parts() -> [(String, String)] {
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let names = sheetNames
        var contentTypes = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for index in sheets.indices {
            contentTypes += #"<Override PartName="/xl/worksheets/sheet\#(index + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        contentTypes += "</Types>"
        let packageRelations = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
        var workbook = declaration + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        var workbookRelations = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for (index, name) in names.enumerated() {
            workbook += #"<sheet name="\#(XLSXWorkbook.escape(name))" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#
            workbookRelations += #"<Relationship Id="rId\#(index + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(index + 1).xml"/>"#
        }
        workbook += "</sheets></workbook>"
        workbookRelations += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        workbookRelations += "</Relationships>"
        var result = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelations), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelations), ("xl/styles.xml", Self.styles(declaration)),
        ]
        for (index, sheet) in sheets.enumerated() {
            result.append(("xl/worksheets/sheet\(index + 1).xml", Self.sheetXML(sheet, declaration: declaration)))
        }
        return result
    }

    /// Style 0 the default, 1 a bold header, 2 a date `yyyy-mm-dd`, 3 a month `yyyy-mm`.
    static func styles(_ declaration: String) -> String {
        declaration + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
            + #"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="yyyy\-mm"/></numFmts>"#
            + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
            + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
            + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
            + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
            + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
            + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
            + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
            + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
            + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
    }

    static func sheetXML(_ sheet: Sheet, declaration: String) -> String {
        var xml = declaration + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        let rows = [sheet.header.map(Cell.text)] + sheet.rows
        for (index, row) in rows.enumerated() {
            xml += #"<row r="\#(index + 1)">"#
            for (column, cell) in row.enumerated() {
                let reference = XLSXWorkbook.column(column) + String(index + 1)
                let bold = index == 0 ? #" s="1""# : ""
                switch cell {
                case .empty:
                    continue
                case .text(let value):
                    guard !value.isEmpty else { continue }
                    xml += #"<c r="\#(reference)"\#(bold) t="inlineStr"><is><t xml:space="preserve">\#(XLSXWorkbook.escape(value))</t></is></c>"#
                case .number(let value):
                    guard value.isFinite else { continue }
                    xml += #"<c r="\#(reference)"><v>\#(Self.number(value))</v></c>"#
                case .date(let year, let month, let day):
                    guard let serial = serial(year: year, month: month, day: day) else { continue }
                    xml += #"<c r="\#(reference)" s="2"><v>\#(serial)</v></c>"#
                case .month(let year, let month):
                    guard let serial = serial(year: year, month: month, day: 1) else { continue }
                    xml += #"<c r="\#(reference)" s="3"><v>\#(serial)</v></c>"#
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// A number as XML text: integers without a decimal point, others with up to 15 significant digits.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.15g", value)
    }

    /// The spreadsheet date serial of a day: days since 1899-12-30 (the 1900 date system as spreadsheets read it
    /// for dates after February 1900); nil for a date that does not exist.
    static func serial(year: Int, month: Int, day: Int) -> Int? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components),
              let epoch = calendar.date(from: DateComponents(year: 1899, month: 12, day: 30))
        else { return nil }
        return Int((date.timeIntervalSince(epoch) / 86_400).rounded())
    }
}
