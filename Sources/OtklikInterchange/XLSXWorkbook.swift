import Foundation

/// A one-sheet Office Open XML workbook (`.xlsx`): the five parts a spreadsheet program needs (content types, the
/// package and workbook relationships, the workbook, the sheet), zipped by ``OfficeArchive``. Text cells are inline
/// strings (XML-escaped), numbers are numbers, so a payroll clerk's spreadsheet sums them.
public struct XLSXWorkbook {
    public enum Cell: Sendable {
        case text(String)
        case number(String)
    }

    public var sheetName: String
    public var rows: [[Cell]]

    public init(sheetName: String, rows: [[Cell]]) {
        self.sheetName = sheetName
        self.rows = rows
    }

    public func data() throws -> Data {
        try OfficeArchive.zip(parts: parts())
    }

    private func parts() -> [(String, String)] {
        let declaration = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#
        let contentTypes = declaration + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
            + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
            + #"<Default Extension="xml" ContentType="application/xml"/>"#
            + #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
            + #"<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
            + "</Types>"
        let packageRelations = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
            + "</Relationships>"
        let workbook = declaration + #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#
            + #"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
            + #"<sheet name="\#(Self.escape(String(sheetName.prefix(31))))" sheetId="1" r:id="rId1"/></sheets></workbook>"#
        let workbookRelations = declaration + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
            + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
            + "</Relationships>"
        var sheet = declaration + #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#
        for (index, row) in rows.enumerated() {
            sheet += #"<row r="\#(index + 1)">"#
            for (column, cell) in row.enumerated() {
                let reference = Self.column(column) + String(index + 1)
                switch cell {
                case .number(let value) where Double(value) != nil:
                    sheet += #"<c r="\#(reference)"><v>\#(value)</v></c>"#
                case .number(let value), .text(let value):
                    guard !value.isEmpty else { continue }
                    sheet += #"<c r="\#(reference)" t="inlineStr"><is><t xml:space="preserve">\#(Self.escape(value))</t></is></c>"#
                }
            }
            sheet += "</row>"
        }
        sheet += "</sheetData></worksheet>"
        return [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", packageRelations), ("xl/workbook.xml", workbook),
            ("xl/_rels/workbook.xml.rels", workbookRelations), ("xl/worksheets/sheet1.xml", sheet),
        ]
    }

    /// A, B, … Z, AA, AB …
    static func column(_ index: Int) -> String {
        var index = index + 1, name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    /// XML text: the five entities, and no control character XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default: if scalar.value >= 0x20 { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
