import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

/// `otklik initiatives import FILE.csv` and `otklik initiatives list`: the initiative register from the command line.
struct InitiativesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "initiatives",
        abstract: "The initiative register: import initiatives from CSV, list them.",
        subcommands: [Import.self, List.self])

    /// Bad input: the reason on standard error, exit code 2.
    static func badInput(_ message: String) -> ExitCode {
        note("error: \(message)")
        return ExitCode(2)
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register initiatives from a CSV file (all or nothing; a line already stored is skipped).",
            discussion: """
                Columns: \(InitiativeCSV.columns.joined(separator: ",")) (\(InitiativeCSV.required.joined(separator: ", ")) required).
                Lists are separated by ';'. Dates are YYYY-MM-DD (midnight in the organisation's time zone). goal_metric is one of
                \(Initiative.goalMetrics.joined(separator: ", ")); control is region (default: other locations of the same regions) or all.
                """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            try await withDatabase(common, creating: false) { database in
                let zone = try await organisationTimeZone(database)
                let items: [Initiative]
                do {
                    items = try InitiativeCSV.parse(text, timeZone: zone)
                } catch let error as OtklikError {
                    throw InitiativesCommand.badInput("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
                }
                guard !items.isEmpty else { throw InitiativesCommand.badInput("\(file): no initiatives in the file; nothing was imported") }
                let outcome: InsertOutcome
                do {
                    outcome = try await SQLInitiativeRepository(database: database.sql).create(items, now: Date())
                } catch let error as OtklikError {
                    let field = error.field.map { field in
                        // items[3].locations → line 5 (the header is line 1).
                        guard let index = field.firstMatch(of: /items\[(\d+)\]/).flatMap({ Int($0.1) }) else { return "\(field): " }
                        return "line \(index + 2)\(field.drop { $0 != "]" }.dropFirst().replacingOccurrences(of: ".", with: ", column ")): "
                    } ?? ""
                    throw InitiativesCommand.badInput("\(file): \(field)\(error.message); nothing was imported")
                }
                print("imported \(outcome.inserted.count) initiatives (\(outcome.duplicates.count) already stored)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the initiatives: id, goal metric, budget, start, scope.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for item in try await SQLInitiativeRepository(database: database.sql).initiatives() {
                    print([item.id, item.goalMetric, String(item.budget), Timestamp.format(item.start), item.locations.joined(separator: ";"), item.title]
                        .joined(separator: "\t"))
                }
            }
        }
    }
}
