import Foundation

/// The seven domains' scores (0-100) on a radar: one axis per domain (numbered 1-7, clockwise from the top), rings at
/// 25, 50, 75 and 100, the current assessment as a filled polygon and the previous one dashed. An axis without a score
/// is drawn at 0 and marked "—". The SVG scales to the width of its container (viewBox, width 100 %); the page gives
/// the same figures in a table.
struct MaturityRadarSVG {
    var title: String
    var description: String
    /// Short axis labels, one per domain ("1", "2" … or a short name).
    var labels: [String]
    var current: [Double?]
    var previous: [Double?]?
    var currentLabel: String
    var previousLabel: String

    static let size = 360.0
    static let radius = 120.0

    func point(_ axis: Int, _ value: Double) -> (Double, Double) {
        let centre = Self.size / 2
        let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(max(labels.count, 1))
        let r = Self.radius * max(0, min(100, value)) / 100
        return (centre + r * cos(angle), centre + r * sin(angle))
    }

    func polygon(_ values: [Double?]) -> String {
        values.enumerated().map { axis, value in
            let (x, y) = point(axis, value ?? 0)
            return "\(f(x)),\(f(y))"
        }.joined(separator: " ")
    }

    func render() -> String {
        // The rings reach 60-300 and the labels 38-322 (plus their text) on a 360 square.
        var svg = """
            <svg class="maturity-radar" id="maturity-radar" viewBox="-25 20 410 310" width="100%" role="img" \
            aria-labelledby="maturity-radar-title maturity-radar-desc" xmlns="http://www.w3.org/2000/svg" font-size="13">
            <title id="maturity-radar-title">\(HTML.escape(title))</title><desc id="maturity-radar-desc">\(HTML.escape(description))</desc>
            """
        for ring in [25.0, 50, 75, 100] {
            svg += "<polygon points=\"\(polygon(labels.map { _ in ring }))\" fill=\"none\" stroke=\"#c9d1dc\" stroke-width=\"1\"/>"
            guard ring < 100 else { continue }  // the top axis's label stands where "100" would
            let (x, y) = point(0, ring)
            svg += "<text x=\"\(f(x + 4))\" y=\"\(f(y + 4))\" font-size=\"10\" fill=\"#5a6573\">\(Int(ring))</text>"
        }
        for axis in labels.indices {
            let (x, y) = point(axis, 100)
            svg += "<line x1=\"\(f(Self.size / 2))\" y1=\"\(f(Self.size / 2))\" x2=\"\(f(x))\" y2=\"\(f(y))\" stroke=\"#c9d1dc\"/>"
        }
        if let previous {
            svg += "<polygon class=\"radar-previous\" points=\"\(polygon(previous))\" fill=\"none\" stroke=\"#7a5c00\" stroke-width=\"2\" stroke-dasharray=\"6 4\">"
                + "<title>\(HTML.escape(previousLabel))</title></polygon>"
        }
        svg += "<polygon class=\"radar-current\" points=\"\(polygon(current))\" fill=\"#2f6fb0\" fill-opacity=\"0.25\" stroke=\"#1f4f86\" stroke-width=\"2.5\">"
            + "<title>\(HTML.escape(currentLabel))</title></polygon>"
        for (axis, value) in current.enumerated() {
            let (x, y) = point(axis, value ?? 0)
            svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"3.5\" fill=\"#1f4f86\"/>"
        }
        for (axis, label) in labels.enumerated() {
            let (x, y) = point(axis, 118)
            let anchor = abs(x - Self.size / 2) < 8 ? "middle" : (x > Self.size / 2 ? "start" : "end")
            let figure = current[axis].map { String(format: "%.0f", $0) } ?? "—"
            svg += "<text x=\"\(f(x))\" y=\"\(f(y + 4))\" text-anchor=\"\(anchor)\" font-weight=\"600\">\(HTML.escape(label)) · \(figure)</text>"
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
