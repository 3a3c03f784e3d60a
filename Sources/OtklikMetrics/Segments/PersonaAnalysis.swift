import Foundation
import OtklikCore

/// Personas (issue 18 item 7, seed 000's "six personas"): k-means on the customers who bought, over standardised
/// attributes (``attributes``; z-scores, a missing CES taken as the mean), k from 2 to 8 chosen by stability
/// (``ClusterStability``) or given; one card per cluster with its size, its centre in words, the top themes of its
/// customers' comments and its NPS, CSAT and CES with intervals (hidden under the minimum size).
public enum PersonaAnalysis {
    /// The clustering attributes, in this order.
    public static let attributes = ["recency_days", "purchases", "monetary", "tenure_days", "nps_answers", "complaints", "ces"]

    public struct ThemeCount: Sendable, Equatable {
        public var code: String
        public var name: String
        public var comments: Int
    }

    public struct Persona: Sendable, Equatable {
        public var number: Int
        public var size: Int
        public var share: Double
        /// The cluster's mean of each attribute on its own scale (days, purchases, money, answers, complaints, CES).
        public var means: [String: Double]
        /// The standardised centre (z-scores), in ``attributes``' order.
        public var centre: [Double]
        public var words: [String]
        public var themes: [ThemeCount]
        public var figures: FeedbackFigures
        public var members: [String]
    }

    public struct Result: Sendable, Equatable {
        public var customers: Int
        public var k: Int
        /// `stability` when k was chosen, `given` when asked for.
        public var chosenBy: String
        public var stability: ClusterStability?
        public var personas: [Persona]
    }

    public enum Choice: Sendable, Equatable {
        case auto
        case fixed(Int)
    }

    static func raw(_ profile: CustomerProfile) -> [Double?] {
        [profile.recencyDays, Double(profile.purchases), profile.monetary, profile.tenureDays, Double(profile.npsAnswers), Double(profile.complaints), profile.ces]
    }

    /// Z-scores per column (population standard deviation; a constant column is 0; a missing value is the mean, 0).
    public static func standardise(_ rows: [[Double?]]) -> [[Double]] {
        guard let width = rows.first?.count else { return [] }
        var columns: [(mean: Double, sd: Double)] = []
        for c in 0..<width {
            let values = rows.compactMap { $0[c] }
            let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            let variance = values.isEmpty ? 0 : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            columns.append((mean, variance.squareRoot()))
        }
        return rows.map { row in (0..<width).map { c in
            guard let x = row[c], columns[c].sd > 0 else { return 0 }
            return (x - columns[c].mean) / columns[c].sd
        } }
    }

    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Personas of the customers with at least one purchase among `profiles`; `themes` gives each customer's comment
    /// themes (one list per comment), `themeNames` a theme's name.
    /// Throws `unavailable` with fewer than 10 customers who bought, `invalid_input` (field `k`) for a k outside 2-8.
    public static func analyse(
        _ profiles: [CustomerProfile], themes: [String: [[String]]] = [:], themeNames: [String: String] = [:], choice: Choice = .auto,
        seed: UInt64 = 2026, lang: String = "en", minimumSize: Int = FeedbackFigures.minimumSize
    ) throws(OtklikError) -> Result {
        let buyers = profiles.filter { $0.purchases > 0 }.sorted { $0.customer < $1.customer }
        guard buyers.count >= 10 else { throw OtklikError(.unavailable, "personas need at least 10 customers with purchases; there are \(buyers.count)") }
        let points = standardise(buyers.map(raw))
        var stability: ClusterStability?
        let k: Int
        switch choice {
        case .auto:
            let chosen = ClusterStability.choose(points, seed: seed)
            stability = chosen
            k = chosen.chosen
        case .fixed(let value):
            guard (2...8).contains(value) else { throw .invalid("k", "k is auto or between 2 and 8") }
            k = min(value, buyers.count - 1)
        }
        let model = KMeans.fit(points, k: k, seed: seed)
        let medianSpend = median(buyers.map(\.monetary)) ?? 0
        var personas: [Persona] = []
        for cluster in 0..<k {
            let indices = buyers.indices.filter { model.labels[$0] == cluster }
            guard !indices.isEmpty else { continue }
            let members = indices.map { buyers[$0] }
            var means: [String: Double] = [:]
            for (c, name) in attributes.enumerated() {
                let values = members.compactMap { raw($0)[c] }
                if !values.isEmpty { means[name] = values.reduce(0, +) / Double(values.count) }
            }
            var counts: [String: Int] = [:]
            for member in members {
                for comment in themes[member.customer] ?? [] { for theme in Set(comment) { counts[theme, default: 0] += 1 } }
            }
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(3)
                .map { ThemeCount(code: $0.key, name: themeNames[$0.key] ?? $0.key, comments: $0.value) }
            personas.append(Persona(
                number: 0, size: members.count, share: Double(members.count) / Double(buyers.count), means: means, centre: model.centroids[cluster],
                words: words(members, medianSpend: medianSpend, lang: lang), themes: Array(top),
                figures: FeedbackFigures.compute(members, minimumSize: minimumSize), members: members.map(\.customer)))
        }
        personas.sort { $0.size != $1.size ? $0.size > $1.size : $0.members.first ?? "" < $1.members.first ?? "" }
        for index in personas.indices { personas[index].number = index + 1 }
        return Result(customers: buyers.count, k: personas.count, chosenBy: stability == nil ? "given" : "stability", stability: stability, personas: personas)
    }

    /// The centre in words, from the cluster's medians: how often they buy, how much against the median customer, how
    /// recently, and complaints when at least half of them complained.
    public static func words(_ members: [CustomerProfile], medianSpend: Double, lang: String) -> [String] {
        let ru = lang == "ru"
        var words: [String] = []
        let repeaters = members.filter { $0.purchases >= 2 }
        if repeaters.count * 2 >= members.count, let weeks = median(repeaters.compactMap { p -> Double? in
            guard let tenure = p.tenureDays, let recency = p.recencyDays else { return nil }
            return (tenure - recency) / Double(p.purchases - 1) / 7
        }) {
            let n = max(1, Int(weeks.rounded()))
            words.append(ru ? "покупает раз в \(n) нед." : "buys every \(n) week\(n == 1 ? "" : "s")")
        } else {
            words.append(ru ? "в основном одна покупка" : "mostly a single purchase")
        }
        if medianSpend > 0, let spend = median(members.map(\.monetary)) {
            let ratio = spend / medianSpend
            let text = String(format: "%.1f", ratio)
            words.append(ru ? "тратит \(text.replacingOccurrences(of: ".", with: ","))× медианы" : "spends \(text)× the median")
        }
        if let recency = median(members.compactMap(\.recencyDays)) {
            let days = Int(recency.rounded())
            words.append(ru ? "последняя покупка \(days) дн. назад" : "last purchase \(days) days ago")
        }
        let complained = members.filter { $0.complaints > 0 }
        if complained.count * 2 >= members.count {
            let recent = median(complained.compactMap(\.complaintDays)).map { $0 <= 90 } ?? false
            words.append(recent ? (ru ? "недавняя жалоба" : "recent complaint") : (ru ? "жаловались" : "complained"))
        }
        return words
    }
}
