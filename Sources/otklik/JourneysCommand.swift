import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer
import OtklikStore

/// `otklik journeys import FILE.json` and `otklik journeys list`: customer journeys from the command line.
struct JourneysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "journeys",
        abstract: "Customer journeys: import them from a JSON file, list them.",
        subcommands: [Import.self, List.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create or replace journeys from a JSON file {\"journeys\": […]} (all or nothing; importing the same file again changes nothing).",
            discussion: "The format is in docs/integrators.md (\"Journeys\"). A bad field is named by its path, e.g. journeys[0].stages[2].bindings[0].statuses[0].")

        @OptionGroup var common: CommonOptions
        @Argument(help: "JSON file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            try await withDatabase(common, creating: false) { database in
                do {
                    let journeys = try JourneyImportFile.parse(Data(text.utf8))
                    guard !journeys.isEmpty else { throw OtklikError.invalid("journeys", "no journeys in the file") }
                    let outcome = try await SQLJourneyRepository(database: database.sql).importAll(journeys, now: Date())
                    let count = { (kind: JourneyWrite) in outcome.filter { $0 == kind }.count }
                    print("journeys: \(count(.created)) created, \(count(.updated)) updated, \(count(.unchanged)) unchanged")
                } catch let error as OtklikError {
                    note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
                    throw ExitCode(2)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the journeys: code, owner, stages, name.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for journey in try await SQLJourneyRepository(database: database.sql).journeys() {
                    print([journey.code, "\(journey.owner.kind.rawValue):\(journey.owner.id)", journey.stages.map(\.code).joined(separator: ">"), journey.name("ru")]
                        .joined(separator: "\t"))
                }
            }
        }
    }
}
