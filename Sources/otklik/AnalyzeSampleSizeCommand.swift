import ArgumentParser
import Foundation
import OtklikMetrics

/// `otklik analyze sample-size`: completed answers needed for a margin of error (``SampleSize``).
struct AnalyzeSampleSizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-size",
        abstract: "Completed answers needed for a proportion or NPS at a margin of error, with finite-population correction.",
        discussion: """
            n₀ = z²·V/e², V = p(1 − p) for a proportion, p + d − (p − d)² for NPS (worst case 1 without --promoters/--detractors);
            n = n₀/[1 + (n₀ − 1)/N] for a population N. The margin is a proportion: 0.05 = ±5 points (±5 NPS points).
            --populations A=1200,B=400 prints the answers each location needs.
            """)

    enum Metric: String, ExpressibleByArgument {
        case proportion, nps
    }

    @Option(help: "Margin of error e (0.05 = ±5 points).") var margin: Double
    @Option(help: "Confidence level.") var confidence: Double = 0.95
    @Option(help: "proportion or nps.") var metric: Metric = .proportion
    @Option(help: "Population size N (finite-population correction).") var population: Int?
    @Option(help: "Per-location populations, e.g. A=1200,B=400.") var populations: String?
    @Option(help: "Proportion: the expected share.") var p: Double = 0.5
    @Option(help: "NPS: the expected share of promoters.") var promoters: Double?
    @Option(help: "NPS: the expected share of detractors.") var detractors: Double?
    @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

    struct Output: Encodable {
        struct Location: Encodable {
            var location: String
            var population: Int
            var n: Int
        }

        var result: SampleSize
        var locations: [Location]?
    }

    func run() async throws {
        guard margin > 0, margin < 1 else { throw CommandFailure("--margin must be between 0 and 1 (0.05 = ±5 points)") }
        guard confidence > 0, confidence < 1 else { throw CommandFailure("--confidence must be between 0 and 1, e.g. 0.95") }
        if let population, population < 1 { throw CommandFailure("--population must be positive") }
        let size: SampleSize?
        switch metric {
        case .proportion:
            guard (0...1).contains(p) else { throw CommandFailure("--p must be between 0 and 1") }
            size = SampleSize.proportion(margin: margin, confidence: confidence, p: p, population: population)
        case .nps:
            guard (promoters == nil) == (detractors == nil) else { throw CommandFailure("give both --promoters and --detractors, or neither") }
            size = SampleSize.nps(margin: margin, confidence: confidence, promoters: promoters, detractors: detractors, population: population)
        }
        guard let size else { throw CommandFailure("shares must be between 0 and 1 and promoters + detractors at most 1") }
        var locations: [Output.Location]?
        if let populations {
            let map = try AnalyzeInput.valueMap(populations, option: "populations")
            guard map.values.allSatisfy({ $0 >= 1 && $0 == $0.rounded() }) else { throw CommandFailure("--populations must be whole numbers ≥ 1") }
            let order = populations.split(separator: ",").compactMap { $0.split(separator: "=").first.map { $0.trimmingCharacters(in: .whitespaces) } }
            locations = size.perLocation(order.map { ($0, Int(map[$0.lowercased()]!)) })
                .map { Output.Location(location: $0.location, population: $0.size.population ?? 0, n: $0.size.n) }
        }
        switch format {
        case .json:
            try printJSON(Output(result: size, locations: locations))
        case .table:
            let what = metric == .nps ? "NPS (V = \(decimal(size.variance, 4)))" : "a proportion (p = \(decimal(p, 2)))"
            print("Sample size for \(what): margin ±\(decimal(margin * 100, 1)) points at \(decimal(confidence * 100, 0)) % confidence (z = \(decimal(size.z, 3)))")
            print("n₀ (infinite population) = \(decimal(size.infinitePopulation, 1))")
            if let population { print("N = \(population): n = \(size.n) completed answers") } else { print("n = \(size.n) completed answers") }
            if let locations {
                printColumns([["location", "population", "completed answers needed"]] + locations.map { [$0.location, String($0.population), String($0.n)] })
            }
        }
    }
}
