import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze change`: is the change between two periods significant? (``PeriodChange``)
struct AnalyzeChangeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "change",
        abstract: "Test the change of NPS or of a share between two independent periods.",
        discussion: """
            nps: --first P,D,n --second P,D,n (promoters, detractors, respondents); Var(NPS/100) = [p + d − (p − d)²]/n,
            Var(Δ) = Var₁ + Var₂, z-test. proportion: --first successes,n --second successes,n; pooled two-proportion z-test.
            The p-value is two-sided; the interval is 95 %.
            """)

    enum Metric: String, ExpressibleByArgument {
        case nps, proportion
    }

    @Option(help: "nps or proportion.") var metric: Metric = .nps
    @Option(help: "First period: P,D,n for nps, successes,n for a proportion.") var first: String
    @Option(help: "Second period, the same way.") var second: String
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    /// The JSON form, snake_case like `otklik analyze experiment`: difference (second − first), standard_error, z,
    /// ci_low, ci_high, p_value (two-sided), significant (at 5 %).
    struct Output: Encodable {
        var metric: String
        var difference: Double
        var standardError: Double
        var z: Double
        var ciLow: Double
        var ciHigh: Double
        var pValue: Double
        var significant: Bool

        init(metric: String, change: PeriodChange) {
            self.metric = metric
            difference = change.difference
            standardError = change.standardError
            z = change.z
            ciLow = change.interval.low
            ciHigh = change.interval.high
            pValue = change.p
            significant = change.p < 0.05
        }

        enum CodingKeys: String, CodingKey {
            case metric, difference, standardError = "standard_error", z, ciLow = "ci_low", ciHigh = "ci_high", pValue = "p_value", significant
        }
    }

    func run() async throws {
        let size = metric == .nps ? 3 : 2
        func counts(_ text: String, _ option: String) throws -> [Int] {
            let values = text.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard values.count == size, values.allSatisfy({ $0 >= 0 }), values.dropLast().reduce(0, +) <= values.last!, values.last! > 0 else {
                throw CommandFailure("--\(option) must be " + (metric == .nps ? "P,D,n with P + D ≤ n" : "successes,n with successes ≤ n") + ", n > 0")
            }
            return values
        }
        let a = try counts(first, "first"), b = try counts(second, "second")
        let change = metric == .nps
            ? PeriodChange.nps(first: (a[0], a[1], a[2]), second: (b[0], b[1], b[2]))
            : PeriodChange.proportions(first: (a[0], a[1]), second: (b[0], b[1]))
        guard let change else { throw CommandFailure("no variation in either period: the change cannot be tested") }
        switch format {
        case .json:
            try printJSON(Output(metric: metric.rawValue, change: change))
        case .table:
            let unit = metric == .nps ? " NPS points" : ""
            let digits = metric == .nps ? 1 : 3
            print("change (second − first) = \(decimal(change.difference, digits))\(unit), 95 % interval \(decimal(change.interval.low, digits)) … \(decimal(change.interval.high, digits))")
            print("z = \(decimal(change.z, 2)), p = \(decimal(change.p, 4)) (two-sided): " + (change.p < 0.05 ? "significant at 5 %" : "not significant at 5 %"))
        }
    }
}
