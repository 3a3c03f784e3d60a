import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze retention`: the shifted-beta-geometric model (``ShiftedBetaGeometric``) fitted on one subscription
/// cohort's active counts, its projected survival and retention, and a new subscriber's discounted expected lifetime.
struct AnalyzeRetentionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "Contractual retention: the shifted-beta-geometric model fitted on a cohort's active counts, projected ahead.",
        discussion: """
            --active lists how many of one cohort were still subscribed at the start of periods 0, 1, 2, … (the first is the
            cohort's size; at least three counts, never increasing). Each subscriber churns at the end of a period with a
            probability θ ~ beta(α, β) (Fader & Hardie 2007); the fit is maximum likelihood. Printed: α, β, the
            log-likelihood, survival S(t) and retention r(t) = S(t)/S(t−1) to --periods, observed beside expected, and the
            discounted expected lifetime of a new subscriber DEL = Σ S(t)/(1+d)^t (Fader & Hardie 2010), times
            --value-per-period when given. Definitions: docs/methods.md, "Customer value".
            """)

    @Option(help: "Active subscribers of one cohort at the start of each period, comma-separated, e.g. 1000,631,468,382,326.")
    var active: String
    @Option(help: "Periods to project (at least the observed ones; default 12 or the observed count).") var periods: Int?
    @Option(help: "Discount rate per period for the expected lifetime (0.1 = 10 % a period).") var discountRate: Double = 0.1
    @Option(help: "Margin a subscriber brings each period; the expected lifetime times it is the value of a new subscriber.")
    var valuePerPeriod: Double?
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    struct Output: Encodable {
        struct Parameters: Encodable { let alpha: Double; let beta: Double }
        struct Period: Encodable {
            let period: Int
            let survival: Double
            let retentionRate: Double?
            let activeObserved: Int?
            let activeExpected: Double

            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: CodingKeys.self)
                try c.encode(period, forKey: .period)
                try c.encode(survival, forKey: .survival)
                try c.encode(retentionRate, forKey: .retentionRate)
                try c.encode(activeObserved, forKey: .activeObserved)
                try c.encode(activeExpected, forKey: .activeExpected)
            }

            enum CodingKeys: String, CodingKey {
                case period, survival, retentionRate = "retention_rate", activeObserved = "active_observed", activeExpected = "active_expected"
            }
        }

        let model = "shifted_beta_geometric"
        let cohortSize: Int
        let periodsObserved: Int
        let parameters: Parameters
        let logLikelihood: Double
        let meanChurnProbability: Double
        let discountRate: Double
        let discountedExpectedLifetime: Double
        let valuePerPeriod: Double?
        let discountedExpectedValue: Double?
        let periods: [Period]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(model, forKey: .model)
            try c.encode(cohortSize, forKey: .cohortSize)
            try c.encode(periodsObserved, forKey: .periodsObserved)
            try c.encode(parameters, forKey: .parameters)
            try c.encode(logLikelihood, forKey: .logLikelihood)
            try c.encode(meanChurnProbability, forKey: .meanChurnProbability)
            try c.encode(discountRate, forKey: .discountRate)
            try c.encode(discountedExpectedLifetime, forKey: .discountedExpectedLifetime)
            try c.encode(valuePerPeriod, forKey: .valuePerPeriod)
            try c.encode(discountedExpectedValue, forKey: .discountedExpectedValue)
            try c.encode(periods, forKey: .periods)
        }

        enum CodingKeys: String, CodingKey {
            case model, cohortSize = "cohort_size", periodsObserved = "periods_observed", parameters, logLikelihood = "log_likelihood"
            case meanChurnProbability = "mean_churn_probability", discountRate = "discount_rate"
            case discountedExpectedLifetime = "discounted_expected_lifetime", valuePerPeriod = "value_per_period"
            case discountedExpectedValue = "discounted_expected_value", periods
        }
    }

    /// The counts of `--active`, each a whole number ≥ 0.
    static func counts(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        return try parts.enumerated().map { index, part in
            guard let value = Int(part), value >= 0 else {
                throw CommandFailure("--active: item \(index + 1) ('\(part)') is not a whole number ≥ 0")
            }
            return value
        }
    }

    func run() async throws {
        let counts = try Self.counts(active)
        guard discountRate > 0, discountRate < 1 else { throw CommandFailure("--discount-rate must be above 0 and below 1 (per period, e.g. 0.1)") }
        if let valuePerPeriod, !(valuePerPeriod.isFinite && valuePerPeriod >= 0) { throw CommandFailure("--value-per-period must be a number ≥ 0") }
        let observed = counts.count - 1
        let horizon = periods ?? max(12, observed)
        guard horizon >= observed, horizon <= 1_000 else {
            throw CommandFailure("--periods must be from \(max(observed, 0)) (the periods observed) to 1000")
        }
        let fitted: (model: ShiftedBetaGeometric, logLikelihood: Double)
        do {
            fitted = try ShiftedBetaGeometric.fit(active: counts)
        } catch let error as ValueModelError {
            throw CommandFailure("--active: \(error)")
        }
        let model = fitted.model
        let survival = model.survival(periods: horizon)
        let retention = model.retentionRates(periods: horizon)
        let size = Double(counts[0])
        let lifetime = model.discountedExpectedLifetime(discountRate: discountRate) ?? 0
        let output = Output(
            cohortSize: counts[0], periodsObserved: observed,
            parameters: .init(alpha: model.alpha, beta: model.beta), logLikelihood: fitted.logLikelihood,
            meanChurnProbability: model.alpha / (model.alpha + model.beta), discountRate: discountRate,
            discountedExpectedLifetime: lifetime, valuePerPeriod: valuePerPeriod, discountedExpectedValue: valuePerPeriod.map { $0 * lifetime },
            periods: (0...horizon).map { t in
                Output.Period(
                    period: t, survival: survival[t], retentionRate: t == 0 ? nil : retention[t - 1],
                    activeObserved: t < counts.count ? counts[t] : nil, activeExpected: size * survival[t])
            })
        switch format {
        case .json: try printJSON(output)
        case .table: printTable(output)
        }
    }

    private func printTable(_ r: Output) {
        print("shifted-beta-geometric on a cohort of \(r.cohortSize) over \(r.periodsObserved) periods: α = \(decimal(r.parameters.alpha, 4)), β = \(decimal(r.parameters.beta, 4)); log-likelihood \(decimal(r.logLikelihood, 2))")
        print("mean churn probability a period \(decimal(100 * r.meanChurnProbability, 1)) %; a new subscriber's discounted expected lifetime at \(decimal(100 * r.discountRate, 1)) % a period: \(decimal(r.discountedExpectedLifetime, 2)) periods"
            + (r.discountedExpectedValue.map { ", value \(decimal($0, 2))" } ?? ""))
        printColumns([["period", "active", "expected", "survival", "retention"]] + r.periods.map {
            ["\($0.period)", $0.activeObserved.map(String.init) ?? "", decimal($0.activeExpected, 1), decimal($0.survival, 4), decimal($0.retentionRate, 4)]
        })
    }
}
