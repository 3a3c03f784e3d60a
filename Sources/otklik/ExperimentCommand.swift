import ArgumentParser
import Foundation
import OtklikCore
import OtklikMetrics
import OtklikStore

/// `otklik experiment create FILE.json | list | plan CODE | start CODE | stop CODE | result CODE`: registered experiments on
/// service changes from the command line (issue 19 item 5), as `/api/v1/experiments`.
struct ExperimentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Registered experiments: create one from its JSON definition (a draft), list them, see what one can detect, start or stop one, compute its registered test.",
        subcommands: [Create.self, List.self, Plan.self, Start.self, Stop.self, Result.self])

    static func describe(_ experiment: Experiment) -> String {
        let variants = experiment.variants.map { "\($0.name) " + String(format: "%g", $0.allocation) }.joined(separator: " : ")
        return [experiment.code, experiment.status.rawValue, "unit \(experiment.unit.rawValue)", "\(experiment.metric.rawValue) (\(experiment.outcome.rawValue))",
                "\(experiment.horizonDays) d", variants, experiment.name].joined(separator: "\t")
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register an experiment from a JSON definition (docs/integrators.md) as a draft.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "JSON file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            let experiment: Experiment
            do {
                experiment = try ExperimentDefinition.parse(Data(text.utf8))
            } catch {
                note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was created")
                throw ExitCode(2)
            }
            try await withDatabase(common) { database in
                try await database.experiments.create(experiment)
                print("created " + ExperimentCommand.describe(experiment))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the experiments: code, status, unit, metric, horizon, variants, name.")
        @OptionGroup var common: CommonOptions
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let items = try await database.experiments.experiments()
                switch format {
                case .json: try printJSON(["items": items])
                case .table: items.forEach { print(ExperimentCommand.describe($0)) }
                }
            }
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The minimum detectable effect at 80 % power, from a look-back as long as the horizon (ending now for a draft, at the start otherwise).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The experiment's code.") var code: String
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let zone = try await organisationTimeZone(database)
                let run = try await database.experiments.plan(code: code, timeZone: zone)
                switch format {
                case .json: try printJSON(run)
                case .table:
                    print("experiment \(run.code) (\(run.status.rawValue)), unit \(run.unit.rawValue), \(run.metric.rawValue): look-back \(run.from) – \(run.to)")
                    guard let plan = run.plan else {
                        print("no plan: \(run.reason ?? "") (\(run.units) units, \(run.feedback) answers)")
                        return
                    }
                    func figure(_ value: Double) -> String { String(format: "%.2f", value) }
                    print("units \(plan.units) (\(plan.controlUnits) + \(plan.treatmentUnits))\(plan.clustered ? " clusters" : ""), answers \(plan.answers)")
                    print("baseline \(figure(plan.baseline)), standard deviation \(figure(plan.standardDeviation)), standard error \(figure(plan.standardError))")
                    print("minimum detectable effect \(figure(plan.mde)) (power \(plan.power), α \(plan.alpha), \(plan.quantiles) quantiles)")
                    if let sequential = plan.sequentialMDE { print("sequential monitoring: \(figure(sequential))") }
                }
            }
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a draft: its design is frozen from now on and its feedback counts.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The experiment's code.") var code: String

        func run() async throws {
            try await withDatabase(common) { database in
                let zone = try await organisationTimeZone(database)
                try await database.experiments.start(code: code, timeZone: zone)
                print("started \(code)")
            }
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a running experiment: feedback after now no longer counts.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The experiment's code.") var code: String

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.experiments.stop(code: code)
                print("stopped \(code)")
            }
        }
    }

    struct Result: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The registered test on the stored feedback: n and value per variant, effect, interval, p, the sample-ratio-mismatch alarm.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The experiment's code.") var code: String
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let zone = try await organisationTimeZone(database)
                let result = try await database.experiments.result(code: code, timeZone: zone)
                switch format {
                case .json: try printJSON(result)
                case .table:
                    print("experiment \(result.code) (\(result.status.rawValue)), unit \(result.unit.rawValue), \(result.metric.rawValue): \(result.from) – \(result.to)")
                    guard let analysis = result.analysis else {
                        print("no result yet: \(result.reason ?? "")")
                        return
                    }
                    func figure(_ value: Double) -> String { String(format: "%.2f", value) }
                    print("test \(analysis.test), α \(analysis.alpha)")
                    print("\(result.control)\tn = \(analysis.control.n)\tvalue \(figure(analysis.control.value))")
                    print("\(result.treatment)\tn = \(analysis.treatment.n)\tvalue \(figure(analysis.treatment.value))")
                    print("effect \(figure(analysis.effect)) [\(figure(analysis.ciLow)); \(figure(analysis.ciHigh))] (\(Int(((1 - analysis.alpha) * 100).rounded())) %), p = \(String(format: "%.4f", analysis.pValue))")
                    if analysis.srm.mismatch { print("SAMPLE RATIO MISMATCH (p = \(String(format: "%.5f", analysis.srm.pValue))): the assignment or the logging is broken") }
                }
            }
        }
    }
}
