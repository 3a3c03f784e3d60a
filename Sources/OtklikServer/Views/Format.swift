import OtklikMetrics

/// How figures are written on pages: one decimal for scores and shares, two for CES.
enum Format {
    static func value(_ metric: MetricID, _ value: Double?) -> String {
        guard let value else { return "—" }
        switch metric {
        case .nps, .npsNonrespondersPassive, .npsNonrespondersDetractors: return String(format: "%.1f", value)
        case .ces: return String(format: "%.2f", value)
        case .count: return String(Int(value))
        case .csat, .cesEasy, .button, .negative: return String(format: "%.1f %%", value)
        }
    }

    static func interval(_ metric: MetricID, _ value: MetricValue) -> String {
        guard let low = value.ciLow, let high = value.ciHigh else { return "" }
        let digits = metric == .ces ? 2 : 1
        return String(format: "[%.\(digits)f; %.\(digits)f]", low, high)
    }
}
