import Foundation

/// The journey map drawn on the server: stages left to right (numbered, with arrows), one row per channel with a mark
/// where the stage has a touchpoint (and its services), and the stage's satisfaction underneath. Accessible: `role="img"`,
/// `<title>` and `<desc>`; the page repeats the map as a table.
struct JourneyMapSVG {
    struct Row {
        var label: String
        /// Per stage: nil for no touchpoint, else the services ("" for all).
        var cells: [String?]
    }

    var title: String
    var description: String
    var stages: [String]
    var rows: [Row]
    /// Per stage, the satisfaction line ("CSAT 81 % [78; 84]" or "—").
    var figures: [String]
    var figureLabel: String

    static let left = 150.0, column = 176.0, header = 64.0, rowHeight = 34.0

    var width: Double { Self.left + Self.column * Double(max(stages.count, 1)) + 10 }

    func render() -> String {
        let height = Self.header + Self.rowHeight * Double(rows.count) + 46
        func x(_ stage: Int) -> Double { Self.left + Self.column * Double(stage) }
        var svg = """
            <svg class="journey-map" id="journey-map" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" role="img" style="max-width:none" \
            aria-labelledby="journey-map-title journey-map-desc" xmlns="http://www.w3.org/2000/svg" font-size="13">
            <title id="journey-map-title">\(HTML.escape(title))</title><desc id="journey-map-desc">\(HTML.escape(description))</desc>
            """
        for (index, name) in stages.enumerated() {
            let x0 = x(index) + 4, w = Self.column - 16
            svg += "<rect x=\"\(f(x0))\" y=\"8\" width=\"\(f(w))\" height=\"44\" rx=\"6\" fill=\"#e8eef7\" stroke=\"#44608a\"/>"
            for (line, part) in Self.wrap("\(index + 1). \(name)", limit: 19).prefix(2).enumerated() {
                svg += "<text x=\"\(f(x0 + w / 2))\" y=\"\(f(26 + Double(line) * 16))\" text-anchor=\"middle\" font-weight=\"600\">\(HTML.escape(part))</text>"
            }
            if index < stages.count - 1 {
                let ax = x0 + w + 1
                svg += "<path d=\"M\(f(ax)) 30 l10 0 m-4 -4 l4 4 l-4 4\" stroke=\"#44608a\" fill=\"none\" stroke-width=\"1.5\"/>"
            }
        }
        for (rowIndex, row) in rows.enumerated() {
            let y = Self.header + Self.rowHeight * Double(rowIndex)
            if rowIndex % 2 == 0 {
                svg += "<rect x=\"0\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(Self.rowHeight))\" fill=\"#f5f5f5\"/>"
            }
            svg += "<text x=\"6\" y=\"\(f(y + 21))\">\(HTML.escape(Self.wrap(row.label, limit: 20).first ?? ""))</text>"
            for (stage, cell) in row.cells.enumerated() {
                guard let cell else { continue }
                let cx = x(stage) + 4
                svg += "<circle cx=\"\(f(cx + 10))\" cy=\"\(f(y + 17))\" r=\"6\" fill=\"#2f6f4f\"><title>\(HTML.escape(row.label)) · \(HTML.escape(stages[stage]))</title></circle>"
                if !cell.isEmpty {
                    svg += "<text x=\"\(f(cx + 22))\" y=\"\(f(y + 21))\" font-size=\"11\">\(HTML.escape(Self.wrap(cell, limit: 22).first ?? ""))</text>"
                }
            }
        }
        let y = Self.header + Self.rowHeight * Double(rows.count) + 8
        svg += "<text x=\"6\" y=\"\(f(y + 20))\" font-weight=\"600\">\(HTML.escape(figureLabel))</text>"
        for (stage, figure) in figures.enumerated() {
            svg += "<text x=\"\(f(x(stage) + 8))\" y=\"\(f(y + 20))\">\(HTML.escape(figure))</text>"
        }
        return svg + "</svg>"
    }

    /// Words into lines of at most `limit` characters (a longer word is cut with an ellipsis).
    static func wrap(_ text: String, limit: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            let word = word.count > limit ? String(word.prefix(limit - 1)) + "…" : String(word)
            if line.isEmpty {
                line = word
            } else if line.count + 1 + word.count <= limit {
                line += " " + word
            } else {
                lines.append(line)
                line = word
            }
        }
        if !line.isEmpty { lines.append(line) }
        if lines.count > 2 { lines[1] = String(lines[1].prefix(limit - 1)) + "…" }
        return lines
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
