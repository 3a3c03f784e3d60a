import Foundation

/// The importance-performance matrix (Martilla & James 1977) drawn as accessible SVG on the server: each factor placed
/// by its importance (derived: share of R², %; or stated, on 0-100) across and its satisfaction (1-5) up, the quadrant lines at the means of
/// the factors shown, the quadrants named, every point labelled; a `<title>` and `<desc>`, and the same figures as a
/// table.
struct ImportancePerformanceChart {
    struct Point {
        var factor: String
        /// Share of R², or stated importance, 0-100.
        var importance: Double
        /// Mean factor score, 1-5.
        var performance: Double
        var quadrant: String
    }

    struct Labels {
        var title: String
        var description: String
        var importance: String
        var performance: String
        var factor: String
        var quadrant: String
        /// Quadrant names: top-left, top-right, bottom-left, bottom-right.
        var possibleOverkill: String
        var keepUp: String
        var lowPriority: String
        var concentrate: String
        var mean: String
    }

    var points: [Point]
    var labels: Labels
    var width = 640.0
    var height = 420.0

    func render() -> String {
        guard !points.isEmpty else { return "" }
        let left = 56.0, right = 24.0, top = 28.0, bottom = 48.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let importanceMean = points.map(\.importance).reduce(0, +) / Double(points.count)
        let performanceMean = points.map(\.performance).reduce(0, +) / Double(points.count)
        let xHigh = min(100, max(20, ((points.map(\.importance).max() ?? 0) * 1.1 / 20).rounded(.up) * 20))
        let lowest = points.map(\.performance).min() ?? 1, highest = points.map(\.performance).max() ?? 5
        let yLow = max(1, ((lowest - 0.25) * 2).rounded(.down) / 2), yHigh = min(5, ((highest + 0.25) * 2).rounded(.up) / 2)
        let (y0, y1) = yHigh > yLow ? (yLow, yHigh) : (1.0, 5.0)
        func x(_ value: Double) -> Double { left + min(max(value, 0), xHigh) / xHigh * plotWidth }
        func y(_ value: Double) -> Double { top + (y1 - min(max(value, y0), y1)) / (y1 - y0) * plotHeight }
        let title = HTML.escape(labels.title)
        var svg = """
            <svg class="chart ipm" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="ipm-title ipm-desc" xmlns="http://www.w3.org/2000/svg">
            <title id="ipm-title">\(title)</title>
            <desc id="ipm-desc">\(HTML.escape(labels.description))</desc>
            <rect class="frame" x="\(f(left))" y="\(f(top))" width="\(f(plotWidth))" height="\(f(plotHeight))" fill="none" stroke="#9aa3ad"/>
            """
        for step in 0...4 {
            let value = xHigh * Double(step) / 4
            svg += "<text x=\"\(f(x(value)))\" y=\"\(f(top + plotHeight + 16))\" text-anchor=\"middle\">\(f(value, 0))</text>"
        }
        var tick = y0
        while tick <= y1 + 1e-9 {
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(tick) + 4))\" text-anchor=\"end\">\(f(tick, 1))</text>"
            tick += (y1 - y0) > 2 ? 1 : 0.5
        }
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(HTML.escape(labels.importance))</text>"
        svg += "<text x=\"14\" y=\"\(f(top + plotHeight / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + plotHeight / 2)))\">\(HTML.escape(labels.performance))</text>"
        // Quadrant lines at the means.
        svg += "<line class=\"axis mean\" x1=\"\(f(x(importanceMean)))\" x2=\"\(f(x(importanceMean)))\" y1=\"\(f(top))\" y2=\"\(f(top + plotHeight))\" stroke-dasharray=\"4 3\"/>"
        svg += "<line class=\"axis mean\" x1=\"\(f(left))\" x2=\"\(f(left + plotWidth))\" y1=\"\(f(y(performanceMean)))\" y2=\"\(f(y(performanceMean)))\" stroke-dasharray=\"4 3\"/>"
        // Quadrant names in the corners.
        let corners: [(String, Double, Double, String)] = [
            (labels.possibleOverkill, left + 6, top + 14, "start"), (labels.keepUp, left + plotWidth - 6, top + 14, "end"),
            (labels.lowPriority, left + 6, top + plotHeight - 6, "start"), (labels.concentrate, left + plotWidth - 6, top + plotHeight - 6, "end"),
        ]
        for (name, cx, cy, anchor) in corners {
            svg += "<text class=\"quadrant\" x=\"\(f(cx))\" y=\"\(f(cy))\" text-anchor=\"\(anchor)\" font-style=\"italic\">\(HTML.escape(name))</text>"
        }
        for point in points {
            let px = x(point.importance), py = y(point.performance)
            let anchor = px > left + plotWidth * 0.75 ? "end" : "start"
            let dx = anchor == "end" ? -7.0 : 7.0
            svg += "<g class=\"point\"><circle class=\"dot\" cx=\"\(f(px))\" cy=\"\(f(py))\" r=\"5\"><title>\(HTML.escape(point.factor)): \(f(point.importance)) %, \(f(point.performance, 2))</title></circle>"
            svg += "<text x=\"\(f(px + dx))\" y=\"\(f(py - 7))\" text-anchor=\"\(anchor)\">\(HTML.escape(point.factor))</text></g>"
        }
        svg += "</svg>"
        return svg + dataTable(importanceMean: importanceMean, performanceMean: performanceMean)
    }

    /// The same figures as a table for screen readers and for copying.
    private func dataTable(importanceMean: Double, performanceMean: Double) -> String {
        var html = "<div class=\"table-wrap\"><table class=\"ipm-data\"><caption>\(HTML.escape(labels.title))</caption><thead><tr>"
        html += "<th scope=\"col\">\(HTML.escape(labels.factor))</th><th scope=\"col\">\(HTML.escape(labels.importance))</th>"
        html += "<th scope=\"col\">\(HTML.escape(labels.performance))</th><th scope=\"col\">\(HTML.escape(labels.quadrant))</th></tr></thead><tbody>"
        for point in points {
            html += "<tr><th scope=\"row\">\(HTML.escape(point.factor))</th><td>\(f(point.importance))</td><td>\(f(point.performance, 2))</td><td>\(HTML.escape(point.quadrant))</td></tr>"
        }
        html += "<tr><th scope=\"row\">\(HTML.escape(labels.mean))</th><td>\(f(importanceMean))</td><td>\(f(performanceMean, 2))</td><td></td></tr>"
        return html + "</tbody></table></div>"
    }

    private func f(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }
}
