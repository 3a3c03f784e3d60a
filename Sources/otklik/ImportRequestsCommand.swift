import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

struct ImportRequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requests",
        abstract: "Import service requests (applications) for the public-service KPIs, all or nothing.",
        discussion: """
            Columns (CSV) or fields (JSON): \(ServiceRequestJSON.columns.joined(separator: ",")); \(ServiceRequestJSON.required.joined(separator: ", ")) required.
            status is open, completed, rejected or withdrawn; closed requests need closed_at. Unknown service and
            location codes are created. A retried import adds nothing; an id stored with other content stops it.
            A CSV file is read and stored in chunks of 20,000 rows inside one transaction, so memory stays bounded; a
            bad line anywhere still stops the whole file (unless --skip-bad). Standard input and JSON are read whole.
            """)

    @OptionGroup var common: CommonOptions
    @OptionGroup var chunks: ChunkOptions
    @Option(help: "csv or json.") var format: RecordFormat = .csv
    @Flag(help: "Import the good lines and report the bad ones instead of stopping.") var skipBad = false
    @Argument(help: "The file (- for standard input).") var file: String

    func run() async throws {
        let importer = ChunkedRecordImport<ServiceRequest, ServiceRequestJSON>(
            file: file, format: format, skipBad: skipBad, chunks: chunks, csv: { try ServiceRequestJSON.csv($0, skipBad: $1) },
            convert: { item throws(OtklikError) in try item.request() })
        try await importer.run(common) { database, next, progress in
            try await database.process.importChunks(createMissingReferences: true, next: next, progress: progress)
        }
    }
}
