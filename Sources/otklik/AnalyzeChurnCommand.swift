import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics

/// `otklik analyze churn`: churn risk of every active customer as of a day, with the model's time-split validation
/// (``ChurnScoring``).
struct AnalyzeChurnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "churn",
        abstract: "Churn risk: a logistic model on recency, frequency, monetary value, tenure and experience signals, validated on a later window.",
        discussion: """
            Scores every customer with a purchase in the --active-days before the end of --as-of (in the organisation's
            time zone); churn means no purchase within --horizon-days. Only what happened up to the as-of date counts: the
            model is fitted on features at as-of − 2h labelled by (as-of − 2h, as-of − h], validated on features at
            as-of − h labelled by (as-of − h, as-of] (AUC, recency-only AUC, top-decile lift, calibration), then refitted
            on the validation window and applied at the as-of date (h = the horizon). Each score comes with the signals
            that raise it most, in words (--lang ru|en). Definitions in docs/methods.md.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "The day to score as of, YYYY-MM-DD.") var asOf: String
    @Option(help: "Days without a purchase that count as churn.") var horizonDays: Int = 90
    @Option(help: "Customers with a purchase in this many days before the as-of date are scored.") var activeDays: Int = 90
    @Option(help: "ru or en: the language of the reasons.") var lang: String = "en"
    @Option(help: "How many customers a table shows (json prints all).") var top: Int = 20
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    func run() async throws {
        guard let day = CivilDate.parseISO(asOf) else { throw CommandFailure("--as-of must be a date YYYY-MM-DD") }
        guard (1...3650).contains(horizonDays) else { throw CommandFailure("--horizon-days must be 1 to 3650") }
        guard (1...3650).contains(activeDays) else { throw CommandFailure("--active-days must be 1 to 3650") }
        guard ["ru", "en"].contains(lang) else { throw CommandFailure("--lang must be ru or en") }
        var result: ChurnResult?
        let started = Date()
        try await withDatabase(common) { database in
            do {
                result = try await ChurnScoring.analyze(
                    database, .init(asOf: day, horizonDays: horizonDays, activeDays: activeDays, lang: lang))
            } catch let error as ChurnUnavailable {
                throw CommandFailure(error.description)
            }
        }
        guard let result else { return }
        note("fitted the churn model on \(result.validation.trainN ?? 0) and \(result.fittedOn) customers, scored \(result.customers.count) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        switch format {
        case .json: try printJSON(result)
        case .table: printTable(result)
        }
    }

    private func printTable(_ r: ChurnResult) {
        let v = r.validation
        if let w = v.window {
            print("churn = no purchase within \(w.horizonDays) days; active = a purchase in the \(w.activeDays) days before; as of \(w.asOf)")
            print("validated on features at \(w.validationFeaturesAt), outcomes through \(w.validationLabelsThrough) (fitted on \(w.trainFeaturesAt))")
        }
        print("validation n = \(v.n), churned \(v.churned) (\(decimal(100 * v.churnRate, 1)) %): AUC \(decimal(v.auc)), recency alone \(decimal(v.recencyAUC)), top-decile lift \(decimal(v.topDecileLift, 2))")
        print("calibration:")
        printColumns([["bin", "predicted", "observed", "n"]] + v.calibration.map { ["\($0.bin)", decimal($0.predicted), decimal($0.observed), "\($0.n)"] })
        print("customers most at risk (\(r.customers.count) scored):")
        printColumns([["customer", "churn_probability", "reasons"]] + r.customers.prefix(max(top, 0)).map {
            [$0.customer, decimal($0.churnProbability), $0.reasons.map(\.text).joined(separator: "; ")]
        })
    }
}
