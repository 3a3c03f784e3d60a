import ArgumentParser
import Foundation
import OtklikCore
import OtklikMetrics
import OtklikServer

/// `otklik analyze acquisition --db URL`: CAC by acquisition channel from the imported acquisition costs, and earned
/// vs bought customers from the customers' acquisition source (``AcquisitionReport``).
struct AnalyzeAcquisitionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "acquisition",
        abstract: "CAC by acquisition channel (imported costs ÷ customers acquired in the costed periods) and earned vs bought customers.",
        discussion: """
            Reads the acquisition costs (otklik import acquisition-costs) and the customers' acquisition source and day
            (otklik import customers, columns acquisition_source and acquired_at) from --db. A customer is bought when
            its source is a channel with imported costs, earned when its source has none, unknown without a source.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    func run() async throws {
        guard common.db != nil else { throw CommandFailure("pass --db URL") }
        try await withDatabase(common) { database in
            let report = try await CustomerAcquisitionLoader.load(database)
            switch format {
            case .json: try printJSON(report)
            case .table:
                let share = report.earnedShare.map { String(format: "%.1f %%", $0 * 100) } ?? "-"
                let interval = report.earnedShareInterval.map { String(format: " (95 %% CI %.1f–%.1f %%)", $0.low * 100, $0.high * 100) } ?? ""
                print("bought \(report.bought), earned \(report.earned), unknown source \(report.unknown); earned share \(share)\(interval), n = \(report.n)")
                printColumns([["channel", "cost", "periods", "customers", "customers_all", "cac"]] + report.channels.map {
                    [$0.channel, String(format: "%.2f", $0.cost), "\($0.periods)", "\($0.customers)", "\($0.customersAll)",
                     $0.cac.map { String(format: "%.2f", $0) } ?? "-"]
                })
            }
        }
    }
}
