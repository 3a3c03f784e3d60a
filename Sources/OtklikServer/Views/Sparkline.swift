import Foundation

/// A KPI tile's sparkline: the period's values as a small inline SVG line (no axes, no script), a gap where a bucket
/// has too few answers, the last value marked; the text equivalent is written beside it by ``DashboardBuilder``.
struct Sparkline {
    var values: [Double?]
    var scale: ClosedRange<Double>
    var label: String
    var width = 160.0
    var height = 36.0

    func render() -> String {
        let known = values.compactMap { $0 }
        guard known.count >= 2 else { return "" }
        // The line's own range (padded), inside the metric's scale: a sparkline shows the shape, not the level.
        var low = max(scale.lowerBound, (known.min() ?? 0)), high = min(scale.upperBound, (known.max() ?? 1))
        if high - low < 1e-9 { low -= 1; high += 1 }
        let pad = 3.0
        func x(_ index: Int) -> Double { pad + Double(index) * (width - 2 * pad) / Double(max(1, values.count - 1)) }
        func y(_ value: Double) -> Double { pad + (high - min(max(value, low), high)) / (high - low) * (height - 2 * pad) }
        var segments: [[String]] = [[]]
        for (index, value) in values.enumerated() {
            if let value {
                segments[segments.count - 1].append("\(f(x(index))),\(f(y(value)))")
            } else if !(segments.last?.isEmpty ?? true) {
                segments.append([])
            }
        }
        var svg = """
            <svg class="sparkline" viewBox="0 0 \(Int(width)) \(Int(height))" width="\(Int(width))" height="\(Int(height))" role="img" aria-label="\(HTML.escape(label))" xmlns="http://www.w3.org/2000/svg"><title>\(HTML.escape(label))</title>
            """
        for segment in segments where segment.count > 1 {
            svg += "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" points=\"\(segment.joined(separator: " "))\"/>"
        }
        if let last = values.indices.last(where: { values[$0] != nil }), let value = values[last] {
            svg += "<circle cx=\"\(f(x(last)))\" cy=\"\(f(y(value)))\" r=\"2.6\" fill=\"currentColor\"/>"
        }
        return svg + "</svg>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}
