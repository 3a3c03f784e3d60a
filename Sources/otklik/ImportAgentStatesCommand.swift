import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

struct ImportAgentStatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent-states",
        abstract: "Import an agent-state log (for occupancy and utilisation), all or nothing.",
        discussion: """
            Columns (CSV) or fields (JSON): agent,state,start,end with ISO-8601 times; state is
            \(AgentState.allCases.map(\.rawValue).joined(separator: ", ")). An agent and a start identify an interval, so a
            retried import adds nothing. Unknown agents are created as staff.
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "csv or json.") var format: RecordFormat = .csv
    @Flag(help: "Import the good lines and report the bad ones instead of stopping.") var skipBad = false
    @Argument(help: "The file (- for standard input).") var file: String

    func run() async throws {
        let text = try readInput(file)
        let importer = RecordImport<AgentStateInterval, AgentStateJSON>(
            file: file, format: format, skipBad: skipBad, parseCSV: { try AgentStateJSON.parseCSV($0, skipBad: $1) },
            convert: { item throws(OtklikError) in try item.interval() })
        try await withDatabase(common, creating: true) { database in
            try await importer.run(text, noun: "agent-state intervals") { try await database.process.insert($0, createMissingReferences: true) }
        }
    }
}
