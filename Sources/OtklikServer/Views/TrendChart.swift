import Foundation

/// A line chart with its confidence band, drawn as accessible SVG on the server.
struct TrendChart {
    struct Point {
        var label: String
        var value: Double?
        var low: Double?
        var high: Double?
    }

    var title: String
    var points: [Point]
    var scale: ClosedRange<Double>
    var width = 880.0
    var height = 220.0

    func render() -> String {
        let left = 44.0, right = 40.0, top = 10.0, bottom = 28.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let shown = points.enumerated().filter { $0.element.value != nil }
        let (lo, hi, tick) = Self.niceRange(points: shown.map(\.element), scale: scale)
        func x(_ index: Int) -> Double { left + (points.count <= 1 ? plotWidth / 2 : Double(index) * plotWidth / Double(points.count - 1)) }
        func y(_ value: Double) -> Double { top + (hi - min(max(value, lo), hi)) / (hi - lo) * plotHeight }
        var svg = """
            <svg class="chart" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(HTML.escape(title))" xmlns="http://www.w3.org/2000/svg">
            <title>\(HTML.escape(title))</title>
            """
        let decimals = (0...3).first { abs((tick * pow(10, Double($0))).rounded() - tick * pow(10, Double($0))) < 1e-6 } ?? 3
        for step in 0...Int(((hi - lo) / tick).rounded()) {
            let value = lo + Double(step) * tick
            svg += "<line class=\"axis\" x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(f(y(value)))\" y2=\"\(f(y(value)))\" opacity=\"0.35\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(f(y(value) + 4))\" text-anchor=\"end\">\(f(value, decimals))</text>"
        }
        let banded = shown.filter { $0.element.low != nil && $0.element.high != nil }
        if banded.count > 1 {
            let upper = banded.map { "\(f(x($0.offset))),\(f(y($0.element.high!)))" }
            let lower = banded.reversed().map { "\(f(x($0.offset))),\(f(y($0.element.low!)))" }
            svg += "<polygon class=\"band\" points=\"\((upper + lower).joined(separator: " "))\"/>"
        }
        if shown.count > 1 {
            svg += "<polyline class=\"line\" points=\"\(shown.map { "\(f(x($0.offset))),\(f(y($0.element.value!)))" }.joined(separator: " "))\"/>"
        }
        for (index, point) in shown {
            svg += "<circle class=\"dot\" cx=\"\(f(x(index)))\" cy=\"\(f(y(point.value!)))\" r=\"2.5\"><title>\(HTML.escape(point.label)): \(f(point.value!, 1))</title></circle>"
        }
        let labelEvery = Self.labelStep(count: points.count, longest: points.map(\.label.count).max() ?? 0, plotWidth: plotWidth)
        for (index, point) in points.enumerated() where index % labelEvery == 0 {
            svg += "<text x=\"\(f(x(index)))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(HTML.escape(point.label))</text>"
        }
        svg += "</svg>"
        return svg + dataTable()
    }

    /// The same figures as a table for screen readers and for copying.
    private func dataTable() -> String {
        var html = "<details><summary>\(HTML.escape(title))</summary><table><tbody>"
        for point in points {
            let value = point.value.map { f($0, 1) } ?? "—"
            let interval = point.low.flatMap { low in point.high.map { "[\(f(low, 1)); \(f($0, 1))]" } } ?? ""
            html += "<tr><th scope=\"row\">\(HTML.escape(point.label))</th><td>\(value)</td><td>\(interval)</td></tr>"
        }
        return html + "</tbody></table></details>"
    }

    /// Font size of the axis labels in the chart's units (otklik.css) and the width of one character at it.
    static let labelCharacterWidth = 11.0 * 0.62
    /// Every how many points an x-axis label is written so that labels never overlap: each label is as wide
    /// as its text plus a gap of two characters, and the points are spread evenly over the plot.
    static func labelStep(count: Int, longest: Int, plotWidth: Double) -> Int {
        guard count > 1 else { return 1 }
        let spacing = plotWidth / Double(count - 1)
        let needed = Double(longest + 2) * labelCharacterWidth
        return max(1, Int((needed / spacing).rounded(.up)))
    }

    /// The axis: from `lo` to `hi` in steps of `tick`, a round number (1, 2, 2.5 or 5 times a power of ten) so the
    /// labels read 0, 10, 20 … rather than 7, 18, 28 …; 3 to 6 steps around the data and its band, within `scale`.
    static func niceRange(points: [Point], scale: ClosedRange<Double>) -> (lo: Double, hi: Double, tick: Double) {
        let values = points.flatMap { [$0.low ?? $0.value, $0.high ?? $0.value].compactMap { $0 } }
        let whole = scale.upperBound - scale.lowerBound
        guard let minimum = values.min(), let maximum = values.max() else {
            return (scale.lowerBound, scale.upperBound, niceStep(atLeast: whole / 4))
        }
        // A flat series still gets some room; a wide scale (seconds: 0-3,600) never dwarfs the data.
        let span = max(maximum - minimum, abs(maximum) * 0.05, whole / 1_000)
        let low = max(scale.lowerBound, minimum - span * 0.1), high = min(scale.upperBound, maximum + span * 0.1)
        var tick = niceStep(atLeast: (high - low) / 6)
        while true {
            let lo = max(scale.lowerBound, (low / tick).rounded(.down) * tick)
            let steps = max(3, ((high - lo) / tick - 1e-9).rounded(.up))
            if steps <= 6 {
                let hi = min(scale.upperBound, lo + steps * tick)
                return hi > lo ? (lo, hi, tick) : (scale.lowerBound, scale.upperBound, niceStep(atLeast: whole / 4))
            }
            tick = niceStep(atLeast: tick * 1.01)
        }
    }

    /// The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least `value`.
    static func niceStep(atLeast value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        let power = pow(10, (log10(value)).rounded(.down))
        return [1, 2, 2.5, 5, 10].map { $0 * power }.first { $0 >= value * (1 - 1e-9) } ?? 10 * power
    }

    private func f(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }
}
