import ArgumentParser
import Foundation
import OtklikMetrics

struct StaffingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing",
        abstract: "Erlang C: agents needed for a target service level at a forecast load and AHT, with shrinkage.")

    @Option(help: "Forecast contacts per hour.") var callsPerHour: Double
    @Option(help: "Average handle time, seconds.") var aht: Double
    @Option(help: "Target service level, percent.") var targetSl: Double = 80
    @Option(help: "Service-level threshold T, seconds.") var threshold: Double = 20
    @Option(help: "Shrinkage, percent of paid time off the phones.") var shrinkage: Double = 30
    @Option(help: "table or json.") var format: MetricsCommand.OutputFormat = .table

    func run() async throws {
        guard callsPerHour >= 0, aht > 0, (0...100).contains(targetSl), (0..<100).contains(shrinkage), threshold >= 0 else {
            throw CommandFailure("need --calls-per-hour ≥ 0, --aht > 0, --target-sl 0-100, --shrinkage 0-99, --threshold ≥ 0")
        }
        guard let result = ErlangC.staffing(
            callsPerHour: callsPerHour, aht: aht, targetServiceLevel: targetSl / 100, threshold: threshold, shrinkage: shrinkage / 100)
        else { throw CommandFailure("no staffing reaches that target") }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        case .table, .csv:
            print("Erlang C: load A = λ·AHT = \(String(format: "%.2f", result.traffic)) Erlangs")
            print("agents on the phones   \(result.agents)")
            print("agents to schedule     \(result.scheduled)  (shrinkage \(String(format: "%.0f", shrinkage)) %)")
            print("service level          \(String(format: "%.1f", result.serviceLevel * 100)) % answered within \(String(format: "%.0f", threshold)) s")
            print("ASA                    \(String(format: "%.1f", result.asa)) s")
            print("occupancy              \(String(format: "%.1f", result.occupancy * 100)) %")
        }
    }
}
