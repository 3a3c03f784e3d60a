import Foundation
import OtklikMetrics

/// A dashboard figure against the same figure in the previous period of equal length (``PeriodChange``):
/// the change in the metric's unit, its 95 % interval and whether it is significant (two-sided p < 0.05).
struct PeriodComparison {
    let text: [String: String]

    /// "vs 3 Jun 2026 – 31 Aug 2026" ("к 3 июн. 2026 – 31 авг. 2026"): the page's way of writing a day.
    func periodLabel(_ previous: DashboardFilters) -> String {
        (text["change_vs_previous"] ?? "vs the previous period {from} – {to}")
            .replacingOccurrences(of: "{from}", with: PageDate.day(LocalCalendar.label(day: previous.fromDay), text: text))
            .replacingOccurrences(of: "{to}", with: PageDate.day(LocalCalendar.label(day: previous.toDay), text: text))
    }

    /// The change of `metric` from `before` to `now`; nil when either period is below the minimum n.
    func change(_ metric: MetricID, from before: Tally, to now: Tally, minimumN: Int) -> PeriodChangeNote? {
        guard before.n(for: metric) >= max(minimumN, 1), now.n(for: metric) >= max(minimumN, 1) else { return nil }
        let change: PeriodChange?, scale: Double
        switch metric {
        case .nps:
            change = PeriodChange.nps(
                first: (before.promoters, before.detractors, before.npsN), second: (now.promoters, now.detractors, now.npsN))
            scale = 1
        case .csat:
            change = PeriodChange.proportions(first: (before.csatTop2, before.csatN), second: (now.csatTop2, now.csatN))
            scale = 100
        case .button:
            change = PeriodChange.proportions(first: (before.buttonPositive, before.buttonN), second: (now.buttonPositive, now.buttonN))
            scale = 100
        case .ces:
            change = PeriodChange.means(
                first: (Double(before.cesSum), Double(before.cesSumOfSquares), before.cesN),
                second: (Double(now.cesSum), Double(now.cesSumOfSquares), now.cesN))
            scale = 1
        default:
            return nil
        }
        guard let change else { return nil }
        let significant = change.p < 0.05
        let digits = metric == .ces ? 2 : 1
        let interval = String(format: "[%+.\(digits)f; %+.\(digits)f]", scale * change.interval.low, scale * change.interval.high)
        return PeriodChangeNote(
            text: Format.gap(metric, scale * change.difference, text: text), ci: interval,
            p: change.p < 0.001 ? "p < 0.001" : String(format: "p = %.3f", change.p),
            significant: significant, direction: change.difference > 0 ? "up" : (change.difference < 0 ? "down" : "flat"),
            verdict: significant ? (text["change_significant"] ?? "significant") : (text["change_not_significant"] ?? "not significant"),
            difference: scale * change.difference, pValue: change.p)
    }
}
