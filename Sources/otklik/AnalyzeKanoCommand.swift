import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze kano`: Kano categories and better/worse coefficients (``KanoAnalysis``).
struct AnalyzeKanoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kano",
        abstract: "Kano categories with better/worse coefficients from functional/dysfunctional answer pairs.",
        discussion: """
            One row per respondent and feature. Answers: L M N Lw D (like, must-be, neutral, live with, dislike), or 1-5 in that order.
            Rows with an unreadable answer are dropped and counted. Category = most frequent of A O M I R (ties M > O > A > I > R);
            Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I).
            """)

    @Option(help: "CSV file with a header row (- for standard input).") var input: String
    @Option(help: "Column of the functional answer (feature present).") var functional: String
    @Option(help: "Column of the dysfunctional answer (feature absent).") var dysfunctional: String
    @Option(help: "Column naming the feature (without it all rows are one feature).") var feature: String?
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    struct Output: Encodable {
        var n: Int
        var dropped: Int
        var features: [KanoAnalysis]
    }

    func run() async throws {
        let file = try AnalyzeInput(input)
        let functionalCells = try file.cells(functional), dysfunctionalCells = try file.cells(dysfunctional)
        let features = try feature.map { try file.cells($0) } ?? Array(repeating: functional, count: functionalCells.count)
        var order: [String] = []
        var pairs: [String: [(functional: KanoAnswer, dysfunctional: KanoAnswer)]] = [:]
        var dropped = 0
        for row in functionalCells.indices {
            guard let f = KanoAnswer(code: functionalCells[row]), let d = KanoAnswer(code: dysfunctionalCells[row]) else { dropped += 1; continue }
            let name = features[row].trimmingCharacters(in: .whitespaces)
            if pairs[name] == nil { order.append(name) }
            pairs[name, default: []].append((f, d))
        }
        guard !order.isEmpty else { throw CommandFailure("\(input): no row has two readable answers (L M N Lw D or 1-5)") }
        let output = Output(n: functionalCells.count - dropped, dropped: dropped, features: order.map { KanoAnalysis(feature: $0, pairs: pairs[$0]!) })
        switch format {
        case .json:
            try printJSON(output)
        case .table:
            print("Kano: \(output.n) answer pairs, dropped \(dropped)")
            let letters = ["A", "O", "M", "I", "R", "Q"]
            printColumns([["feature", "category", "better", "worse", "n"] + letters] + output.features.map { result in
                [result.feature, result.category?.rawValue ?? "", decimal(result.better, 2), decimal(result.worse, 2), String(result.n)]
                    + letters.map { String(result.counts[$0] ?? 0) }
            })
        }
    }
}
