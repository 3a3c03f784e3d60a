import Foundation

/// The portfolio of initiatives ranked by measured improvement per cost, within each goal metric (points of NPS and
/// a CES mean are not comparable). Only an initiative whose 95 % interval lies wholly above zero and that has a
/// budget gets a rank; the others say why not — no ranking claim is made from an interval that spans zero.
public enum InitiativePortfolio {
    public enum Verdict: String, Sendable, Codable {
        /// Improved (interval above zero), ranked by improvement per cost.
        case ranked
        /// The interval spans zero: not shown to work, not ranked.
        case spansZero = "interval_spans_zero"
        /// The interval lies below zero: the goal metric got worse.
        case worse
        /// Improved, but no budget to divide by.
        case noBudget = "no_budget"
        /// Not measured (pending, no control, too few answers).
        case notMeasured = "not_measured"
    }

    public struct Entry: Sendable, Equatable {
        public var id: String
        public var metric: String
        public var budget: Int64
        public var effect: InitiativeEffect
        public var verdict: Verdict
        /// 1 = best improvement per cost among the ranked initiatives on the same goal metric.
        public var rank: Int?
        public var perHundredThousand: Double?
        public var perHundredThousandInterval: Interval?
    }

    /// Entries grouped by goal metric (in `Initiative.goalMetrics` order), each group ranked first, then the unranked.
    public static func rank(_ items: [(id: String, metric: String, budget: Int64, effect: InitiativeEffect)]) -> [Entry] {
        var entries = items.map { item -> Entry in
            let verdict: Verdict
            if item.effect.status != .measured || item.effect.improvementInterval == nil {
                verdict = .notMeasured
            } else if let interval = item.effect.improvementInterval, interval.low > 0 {
                verdict = item.budget > 0 ? .ranked : .noBudget
            } else if let interval = item.effect.improvementInterval, interval.high < 0 {
                verdict = .worse
            } else {
                verdict = .spansZero
            }
            let cost = item.effect.perHundredThousand(budget: item.budget)
            return Entry(
                id: item.id, metric: item.metric, budget: item.budget, effect: item.effect, verdict: verdict, rank: nil,
                perHundredThousand: cost?.value, perHundredThousandInterval: cost?.interval)
        }
        var next: [String: Int] = [:]
        let order = entries.indices.sorted { a, b in
            let (x, y) = (entries[a], entries[b])
            if x.metric != y.metric { return metricOrder(x.metric) < metricOrder(y.metric) }
            if (x.verdict == .ranked) != (y.verdict == .ranked) { return x.verdict == .ranked }
            if x.verdict == .ranked, let p = x.perHundredThousand, let q = y.perHundredThousand, p != q { return p > q }
            return x.id < y.id
        }
        for index in order where entries[index].verdict == .ranked {
            next[entries[index].metric, default: 0] += 1
            entries[index].rank = next[entries[index].metric]
        }
        return order.map { entries[$0] }
    }

    static func metricOrder(_ metric: String) -> Int {
        ["nps", "csat", "ces", "ces_easy", "button", "negative"].firstIndex(of: metric) ?? 99
    }
}
