import ArgumentParser
import Foundation
import OtklikCore
import OtklikMetrics
import OtklikServer
import OtklikStore

/// `otklik programme create FILE.json | list | pause CODE | resume CODE | report CODE`: proactive programmes from the
/// command line (issue 19 items 2-3).
struct ProgrammeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "programme",
        abstract: "Proactive programmes: create one from its JSON definition, list them, pause or resume one, report one against its hold-out.",
        subcommands: [Create.self, List.self, Pause.self, Resume.self, Report.self])

    static func describe(_ summary: ProgrammeSummaryJSON) -> String {
        let mde = summary.mde.map { String(format: "%.1f", $0) } ?? "—"
        return [summary.code, summary.status, "treated \(summary.treated.n)", "hold-out \(summary.holdout.n)", "\(summary.outcome) \(summary.outcomeDays) d",
                "MDE \(mde)", summary.name].joined(separator: "\t")
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a programme from a JSON definition (docs/integrators.md); prints it with the MDE before launch.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "JSON file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            let programme: Programme
            do {
                programme = try ProgrammeDefinition.parse(Data(text.utf8))
            } catch {
                note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was created")
                throw ExitCode(2)
            }
            try await withDatabase(common) { database in
                try await database.programmes.create(programme)
                guard let stored = try await database.programmes.programme(code: programme.code) else { return }
                print("created " + ProgrammeCommand.describe(try await ProgrammeSummaryJSON.make(stored, repository: database.programmes)))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the programmes: code, status, customers per arm, outcome, MDE, name.")
        @OptionGroup var common: CommonOptions
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                var items: [ProgrammeSummaryJSON] = []
                for stored in try await database.programmes.programmes() {
                    items.append(try await ProgrammeSummaryJSON.make(stored, repository: database.programmes))
                }
                switch format {
                case .json: try printJSON(["items": items])
                case .table: items.forEach { print(ProgrammeCommand.describe($0)) }
                }
            }
        }
    }

    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pause a programme: it no longer enrols or acts; its waiting actions are skipped.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The programme's code.") var code: String

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.programmes.setStatus(code: code, .paused, reason: "cli")
                print("paused \(code)")
            }
        }
    }

    struct Resume: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Resume a paused programme.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The programme's code.") var code: String

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.programmes.setStatus(code: code, .active, reason: nil)
                print("resumed \(code)")
            }
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The programme's effect on its outcome against the hold-out: n and value per arm, effect, 95 % interval, p, MDE, harmful.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The programme's code.") var code: String
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let report = try await database.programmes.report(code: code)
                switch format {
                case .json: try printJSON(report)
                case .table:
                    func figure(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
                    print("programme \(report.programme): \(report.outcome.rawValue), test \(report.test ?? "—")")
                    print("treated  n = \(report.treated.n)\tvalue \(figure(report.treated.value))")
                    print("hold-out n = \(report.holdout.n)\tvalue \(figure(report.holdout.value))")
                    print("effect \(figure(report.effect)) [\(figure(report.ciLow)); \(figure(report.ciHigh))] (95 %), p = \(report.pValue.map { String(format: "%.4f", $0) } ?? "—")")
                    print("MDE \(figure(report.mde))" + (report.harmful ? "\tHARMFUL: significantly worse than the hold-out" : ""))
                }
            }
        }
    }
}
