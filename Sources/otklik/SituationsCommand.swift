import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

/// `otklik situations import FILE.json|FILE.csv | list | detect | evaluate`: the life-situation catalogue, detection
/// over every customer's signals, and precision and recall against the labelled situations (issue 19 item 4).
struct SituationsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "situations",
        abstract: "Life situations: import the catalogue, list it, detect situations from the stored signals, measure precision and recall.",
        subcommands: [Import.self, List.self, Detect.self, Evaluate.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import situations from JSON (one or {\"situations\": [...]}) or CSV (one row per signal); all or nothing; an existing code is replaced.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A .json or .csv file (- for JSON on standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            let situations: [LifeSituation]
            do {
                situations = file.lowercased().hasSuffix(".csv") ? try LifeSituationCSV.parse(text) : try LifeSituationDefinition.parseList(Data(text.utf8))
            } catch {
                note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
                throw ExitCode(2)
            }
            try await withDatabase(common) { database in
                try await database.lifeSituations.define(situations, now: Date())
                situations.forEach { print("imported \($0.code)\t\($0.signals.count) signals\t\($0.nameEn)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the catalogue: code, rule, detections, name.")
        @OptionGroup var common: CommonOptions
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let list = try await LifeSituationListJSON.load(database.lifeSituations)
                switch format {
                case .json: try printJSON(list)
                case .table:
                    let counts = try await database.lifeSituations.counts()
                    for situation in try await database.lifeSituations.situations() {
                        print("\(situation.code)\t\(situation.minSignals) of \(situation.signals.count) signals in \(situation.windowDays) days\t\(counts[situation.code] ?? 0) detected\t\(situation.nameEn)")
                    }
                }
            }
        }
    }

    struct Detect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the detection over every customer's stored signals now (the server's feed consumer does it as records arrive); prints how many were added.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                print("detected \(try await database.lifeSituations.detectAll(now: Date())) new")
            }
        }
    }

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Precision and recall of the stored detections against the labelled situations (the demo's planted ones): all, then each situation.")
        @OptionGroup var common: CommonOptions
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let scores = try await database.lifeSituations.evaluate()
                switch format {
                case .json: try printJSON(["scores": scores.map(DetectionScoreJSON.init)])
                case .table:
                    func share(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "—" }
                    print("situation\tprecision\trecall\tTP\tFP\tFN")
                    for score in scores {
                        print("\(score.situation ?? "all")\t\(share(score.precision))\t\(share(score.recall))\t\(score.truePositives)\t\(score.falsePositives)\t\(score.falseNegatives)")
                    }
                }
            }
        }
    }
}
