import Foundation

/// A horizontal bar chart of shares (0-100 %) with their confidence intervals as whiskers, drawn as accessible SVG;
/// the page shows the same figures in a table.
struct BarChart {
    struct Bar {
        var label: String
        var value: Double?
        var low: Double?
        var high: Double?
    }

    var title: String
    var bars: [Bar]
    var width = 880.0

    func render() -> String {
        let left = 260.0, right = 60.0, top = 8.0, rowHeight = 22.0
        let height = top + Double(bars.count) * rowHeight + 24
        let maxValue = (max(10, bars.compactMap { $0.high ?? $0.value }.max() ?? 10) / 10).rounded(.up) * 10
        let plotWidth = width - left - right
        func x(_ value: Double) -> Double { left + min(max(value, 0), maxValue) / maxValue * plotWidth }
        var svg = """
            <svg class="chart bars" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HTML.escape(title))" xmlns="http://www.w3.org/2000/svg">
            <title>\(HTML.escape(title))</title>
            """
        for step in 0...4 {
            let value = maxValue * Double(step) / 4
            svg += "<line class=\"axis\" x1=\"\(f(x(value)))\" x2=\"\(f(x(value)))\" y1=\"\(top)\" y2=\"\(f(height - 20))\" opacity=\"0.35\"/>"
            svg += "<text x=\"\(f(x(value)))\" y=\"\(f(height - 6))\" text-anchor=\"middle\">\(f(value, 0)) %</text>"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(y + 15))\" text-anchor=\"end\">\(HTML.escape(bar.label))</text>"
            guard let value = bar.value else { continue }
            svg += "<rect class=\"bar\" x=\"\(f(left))\" y=\"\(f(y + 4))\" width=\"\(f(x(value) - left))\" height=\"14\"><title>\(HTML.escape(bar.label)): \(f(value)) %</title></rect>"
            if let low = bar.low, let high = bar.high {
                svg += "<line class=\"whisker\" x1=\"\(f(x(low)))\" x2=\"\(f(x(high)))\" y1=\"\(f(y + 11))\" y2=\"\(f(y + 11))\"/>"
            }
            svg += "<text x=\"\(f(x(bar.high ?? value) + 6))\" y=\"\(f(y + 15))\">\(f(value)) %</text>"
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }
}
