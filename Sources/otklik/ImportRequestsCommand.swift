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
            """)

    @OptionGroup var common: CommonOptions
    @Option(help: "csv or json.") var format: RecordFormat = .csv
    @Flag(help: "Import the good lines and report the bad ones instead of stopping.") var skipBad = false
    @Argument(help: "The file (- for standard input).") var file: String

    func run() async throws {
        let text = try readInput(file)
        let importer = RecordImport<ServiceRequest, ServiceRequestJSON>(
            file: file, format: format, skipBad: skipBad, parseCSV: { try ServiceRequestJSON.parseCSV($0, skipBad: $1) },
            convert: { item throws(OtklikError) in try item.request() })
        try await withDatabase(common, creating: true) { database in
            try await importer.run(text, noun: "requests") { try await database.process.insert($0, createMissingReferences: true) }
        }
    }
}
