import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikStore

struct StaffingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staffing", abstract: "Erlang C staffing: calculate agents for a target, or compare the real log with the model.",
        subcommands: [StaffingCalculateCommand.self, StaffingCompareCommand.self], defaultSubcommand: StaffingCalculateCommand.self)
}

struct StaffingCalculateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calculate",
        abstract: "Agents needed for a target service level at a forecast load and AHT, with shrinkage (Erlang C).")

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

struct StaffingCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Interval by interval: the stored interactions' service level and ASA beside Erlang C's for the same load, AHT and agents.",
        discussion: "Agents = distinct agents who answered in the interval; actual SL = answered within T / answered (definition 2).")

    @OptionGroup var common: CommonOptions
    @Option(help: "Interval length in minutes.") var interval: Int = 60
    @Option(help: "Service-level threshold T, seconds.") var threshold: Double = 20
    @Option(help: "From this time or date.") var from: String?
    @Option(help: "Up to this time or date (exclusive).") var to: String?
    @Option(help: "table, csv or json.") var format: MetricsCommand.OutputFormat = .table

    func run() async throws {
        guard (5...1440).contains(interval), threshold >= 0 else { throw CommandFailure("--interval must be 5-1440 minutes, --threshold ≥ 0") }
        var rows: [ErlangComparison] = []
        try await withDatabase(common) { database in
            let zone = try await organisationTimeZone(database)
            func time(_ text: String?, _ name: String) throws -> Date? {
                guard let text else { return nil }
                guard let date = Timestamp.parse(text, dateOnlyZone: zone) else { throw CommandFailure("--\(name) must be an ISO-8601 time or YYYY-MM-DD") }
                return date
            }
            var facts = CallFacts(timeZone: zone)
            try await database.interactions.forEachChunk(size: 50_000) { facts.append($0) }
            rows = facts.erlangComparison(intervalMinutes: interval, threshold: threshold, from: try time(from, "from"), to: try time(to, "to"))
        }
        func f(_ value: Double?, _ digits: Int = 1) -> String { value.map { String(format: "%.\(digits)f", $0) } ?? "" }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        case .csv, .table:
            let header = ["start", "offered", "agents", "load_erlangs", "aht_s", "actual_sl", "predicted_sl", "actual_asa_s", "predicted_asa_s"]
            let cells = rows.map {
                [$0.start, String($0.offered), String($0.agents), f($0.traffic, 2), f($0.aht), f($0.actualServiceLevel), f($0.predictedServiceLevel),
                 f($0.actualASA), f($0.predictedASA)]
            }
            if format == .csv {
                let writer = try CSVRowWriter(header: header)
                for row in cells { try writer.write(row) }
                print(writer.text, terminator: "")
            } else {
                print("Erlang C beside the log: T = \(f(threshold, 0)) s, \(interval)-minute intervals; an empty prediction means agents ≤ load")
                for row in [header] + cells { print(row.joined(separator: "\t")) }
            }
        }
    }
}
