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
            retried import adds nothing. Unknown agents are created as staff. A CSV file is read and stored in chunks of
            20,000 rows inside one transaction, so memory stays bounded; a bad line anywhere still stops the whole file
            (unless --skip-bad). Standard input and JSON are read whole.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var chunks: ChunkOptions
    @Option(help: "csv or json.") var format: RecordFormat = .csv
    @Flag(help: "Import the good lines and report the bad ones instead of stopping.") var skipBad = false
    @Argument(help: "The file (- for standard input).") var file: String

    func run() async throws {
        let importer = ChunkedRecordImport<AgentStateInterval, AgentStateJSON>(
            file: file, format: format, skipBad: skipBad, chunks: chunks, csv: { try AgentStateJSON.csv($0, skipBad: $1) },
            convert: { item throws(OtklikError) in try item.interval() })
        try await importer.run(common) { database, next, progress in
            try await database.process.importChunks(createMissingReferences: true, next: next, progress: progress)
        }
    }
}
