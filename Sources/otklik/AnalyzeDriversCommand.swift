import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze drivers`: derived importance of factors for a target score (``DriverAnalysis``).
struct AnalyzeDriversCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drivers",
        abstract: "Key drivers of a score: Johnson's relative weights or correlations, from any CSV of numeric columns.",
        discussion: """
            Rows with a missing or non-numeric value in the target or a factor are dropped and counted; other columns are ignored.
            relative-weights: weight = Johnson's εⱼ (the weights sum to R²), share = weight/R².
            correlation: weight = Pearson r with the target, share = r²/Σr².
            A text target can be mapped to numbers: --target-map positive=1,both=0.5,neutral=0.5,negative=0 (unmapped text is missing).
            """)

    @Option(help: "CSV file with a header row (- for standard input).") var input: String
    @Option(help: "Column of the overall score.") var target: String
    @Option(help: "Factor columns, comma-separated.") var factors: String
    @Option(help: "relative-weights or correlation.") var method: String = DriverMethod.relativeWeights.rawValue
    @Option(help: "Values for text in the target column, e.g. positive=1,negative=0.") var targetMap: String?
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    func run() async throws {
        guard let method = DriverMethod(rawValue: method) else { throw CommandFailure("--method must be relative-weights or correlation") }
        let names = factors.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw CommandFailure("--factors needs at least one column") }
        let file = try AnalyzeInput(input)
        let targetValues = try file.numbers(target, map: try AnalyzeInput.valueMap(targetMap, option: "target-map"))
        let columns = try names.map { (name: $0, values: try file.numbers($0)) }
        for (name, values) in [(target, targetValues)] + columns.map({ ($0.name, $0.values) }) where values.allSatisfy({ $0 == nil }) {
            throw CommandFailure("\(input): column '\(name)' has no numeric value" + (name == target ? "; map its text with --target-map" : ""))
        }
        let analysis: DriverAnalysis
        do {
            analysis = try DriverAnalysis(target: target, values: targetValues, factors: columns, method: method)
        } catch {
            throw CommandFailure("\(input): \(error)")
        }
        switch format {
        case .json:
            print(try Self.json(analysis))
        case .table:
            let title = method == .relativeWeights ? "relative weights" : "correlation"
            print("Drivers of \(target) (\(title)): n = \(analysis.n), dropped \(analysis.dropped), R² = \(decimal(analysis.r2))")
            printColumns([["factor", method == .relativeWeights ? "weight" : "r", "share", "mean"]] + analysis.drivers.map {
                [$0.factor, decimal($0.weight, 4), decimal($0.share * 100, 1) + " %", decimal($0.mean, 2)]
            })
        }
    }

    /// The issue's JSON shape with its key order (JSONEncoder does not keep the order of keys).
    static func json(_ analysis: DriverAnalysis) throws -> String {
        func string(_ text: String) throws -> String { String(decoding: try JSONEncoder().encode(text), as: UTF8.self) }
        func number(_ value: Double?) -> String { value.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        let drivers = try analysis.drivers.map {
            "    {\"factor\": \(try string($0.factor)), \"weight\": \(number($0.weight)), \"share\": \(number($0.share)), \"mean\": \(number($0.mean))}"
        }
        return """
            {
              "target": \(try string(analysis.target)),
              "n": \(analysis.n),
              "dropped": \(analysis.dropped),
              "r2": \(number(analysis.r2)),
              "method": \(try string(analysis.method.rawValue)),
              "drivers": [
            \(drivers.joined(separator: ",\n"))
              ]
            }
            """
    }
}
