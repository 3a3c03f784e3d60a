import Foundation

/// The discovered directly-follows graph drawn on the designed stage columns: a node per stage, an arc per edge
/// (forward above, backward below), its width by the edge's count. The page lists the same edges in a table.
struct JourneyPathsSVG {
    struct Edge {
        var from: Int
        var to: Int
        var count: Int
        var label: String
    }

    var title: String
    var description: String
    var stages: [String]
    var edges: [Edge]

    func render() -> String {
        let column = JourneyMapSVG.column, left = JourneyMapSVG.left
        let width = left + column * Double(max(stages.count, 1)) + 10
        let spanMax = Double(max(1, (edges.map { abs($0.to - $0.from) }.max() ?? 1)))
        let mid = 40 + 24 * spanMax, height = mid * 2 + 34
        func x(_ stage: Int) -> Double { left + column * Double(stage) + column / 2 - 4 }
        let maxCount = Double(max(1, edges.map(\.count).max() ?? 1))
        var svg = """
            <svg class="journey-paths" id="journey-paths" viewBox="0 0 \(f(width)) \(f(height))" width="\(f(width))" height="\(f(height))" role="img" style="max-width:none" \
            aria-labelledby="journey-paths-title journey-paths-desc" xmlns="http://www.w3.org/2000/svg" font-size="12">
            <title id="journey-paths-title">\(HTML.escape(title))</title><desc id="journey-paths-desc">\(HTML.escape(description))</desc>
            """
        for edge in edges.sorted(by: { $0.count < $1.count }) {
            let (x1, x2) = (x(edge.from), x(edge.to))
            let forward = edge.to > edge.from
            let lift = 18 + 24 * Double(abs(edge.to - edge.from))
            let cy = forward ? mid - 2 * lift : mid + 2 * lift
            let strokeWidth = 1 + 9 * Double(edge.count) / maxCount
            let colour = forward ? "#2f6f4f" : "#a33a3a"
            svg += "<path d=\"M\(f(x1)) \(f(mid)) Q\(f((x1 + x2) / 2)) \(f(cy)) \(f(x2)) \(f(mid))\" fill=\"none\" stroke=\"\(colour)\" stroke-opacity=\"0.55\" "
                + "stroke-width=\"\(f(strokeWidth))\"><title>\(HTML.escape(edge.label))</title></path>"
            let labelY = forward ? mid - lift - 4 : mid + lift + 12
            svg += "<text x=\"\(f((x1 + x2) / 2))\" y=\"\(f(labelY))\" text-anchor=\"middle\">\(edge.count)</text>"
        }
        for (index, name) in stages.enumerated() {
            svg += "<circle cx=\"\(f(x(index)))\" cy=\"\(f(mid))\" r=\"9\" fill=\"#e8eef7\" stroke=\"#44608a\"/>"
            svg += "<text x=\"\(f(x(index)))\" y=\"\(f(mid + 4))\" text-anchor=\"middle\" font-weight=\"600\">\(index + 1)</text>"
            for (line, part) in JourneyMapSVG.wrap(name, limit: 22).prefix(2).enumerated() {
                svg += "<text x=\"\(f(x(index)))\" y=\"\(f(2 * mid + 8 + Double(line) * 14))\" text-anchor=\"middle\" font-size=\"11\">\(HTML.escape(line == 0 ? "\(index + 1). \(part)" : part))</text>"
            }
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
