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

    /// A difference in the metric's own unit with its sign: "−12.3 NPS points", "−7.1 pp", "−0.45 CES points".
    static func gap(_ metric: MetricID, _ difference: Double, text: [String: String]) -> String {
        let digits = metric == .ces ? 2 : 1
        let unit: String = switch metric {
        case .nps, .npsNonrespondersPassive, .npsNonrespondersDetractors: text["unit_nps_points"] ?? "NPS points"
        case .ces: text["unit_ces_points"] ?? "CES points"
        default: text["unit_pp"] ?? "pp"
        }
        let number = String(format: "%.\(digits)f", abs(difference))
        return (difference < 0 ? "−" : "+") + number + " " + unit
    }
}
