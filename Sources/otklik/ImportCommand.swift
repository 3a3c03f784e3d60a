import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import records from files.", subcommands: [
            ImportFeedbackCommand.self, ImportInteractionsCommand.self, ImportRequestsCommand.self, ImportAgentStatesCommand.self,
            ImportTranscriptsCommand.self, ImportServicesCommand.self, ImportTransactionsCommand.self, ImportAcquisitionCostsCommand.self,
            ImportCustomersCommand.self, ImportConsentsCommand.self, ImportStaffCommand.self,
        ])
}

struct ImportFeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Import feedback from a CSV file, all or nothing.",
        discussion: """
            Columns: \(FeedbackCSV.columns.joined(separator: ",")) (id, ts, channel required).
            Unknown location, staff and service codes are created. Rows whose id is already stored with the same
            content are skipped, so a retried import adds nothing; an id stored with other content stops the import.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "CSV file (- for standard input).")
    var file: String

    @OptionGroup var chunks: ChunkOptions

    func run() async throws {
        if file != "-" {
            try await streamFile()
            return
        }
        let configuration = try common.configuration()
        let logger = common.logger(configuration)
        let text = try readInput(file)
        let records: [FeedbackCSV.Record]
        do {
            records = try FeedbackCSV.parse(text) { note("  parsed \($0) rows…") }
        } catch let error as OtklikError {
            throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
        }
        note("Parsed \(records.count) rows; storing them in one transaction…")
        let database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        do {
            let outcome = try await FeedbackIngest(
                database: database, follower: nil, textAnalysis: TextAnalysisConsumer(database: database, logger: logger),
                followUp: .waitAtMost(.seconds(86_400))
            ).ingest(records.map(\.feedback), createMissingReferences: true)
            try await database.close()
            print("imported \(outcome.inserted.count), already present \(outcome.duplicates.count)")
        } catch let error as OtklikError {
            try? await database.close()
            throw CommandFailure("\(file): \(Self.locate(error, records.map(\.line))); nothing was imported")
        }
    }

    /// A file is streamed: read, validated and stored in chunks inside one transaction, so memory stays bounded for a
    /// file of any size and a bad line still rolls everything back; after the commit the new comments are analysed
    /// (waited for), as for standard input, which is read whole.
    func streamFile() async throws {
        let stream = try ChunkedImport.opening(file) { try FeedbackCSV.stream(path: file) }
        let logger = try common.logger(common.configuration())
        let rows = chunks.chunkRows
        let outcome = try await ChunkedImport.store(common, chunks, file: file, next: { try stream.next(limit: rows) }) { database, next, progress in
            try await FeedbackIngest(
                database: database, follower: nil, textAnalysis: TextAnalysisConsumer(database: database, logger: logger),
                followUp: .waitAtMost(.seconds(86_400))
            ).importChunks(next: next, progress: progress)
        }
        print("imported \(outcome.inserted), already present \(outcome.duplicates)")
    }

    /// Rewrites `items[i].field` as the CSV line and column, in front of the message.
    static func locate(_ error: OtklikError, _ lines: [Int]) -> String {
        let located = error.locatingItem(lines: lines)
        guard located.field != error.field, let field = located.field else { return error.message }
        return "\(field): \(error.message)"
    }
}
