import ArgumentParser
import Foundation
import OtklikInterchange
import OtklikServer
import OtklikStore

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export records to files.", subcommands: [ExportFeedbackCommand.self, ExportCustomersCommand.self, ExportStaffCommand.self])
}

struct ExportFeedbackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback", abstract: "Export all feedback as CSV, oldest first (the import format).")

    @OptionGroup var common: CommonOptions

    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let configuration = try common.configuration()
        try common.requireDatabase(configuration)
        let logger = common.logger(configuration)
        let database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        let stream: OutputStream
        if let output {
            guard let file = OutputStream(toFileAtPath: output, append: false) else { throw CommandFailure("cannot write \(output)") }
            stream = file
        } else {
            stream = OutputStream(toFileAtPath: "/dev/stdout", append: true)!
        }
        let writer = try FeedbackCSV.writer(stream: stream)
        var count = 0
        try await database.feedback.forEachChunk(size: 10_000) { chunk in
            for feedback in chunk { try writer.write(FeedbackCSV.cells(feedback)) }
            count += chunk.count
            if output != nil && count % 50_000 == 0 { note("  \(count) rows…") }
        }
        writer.finish()
        if output != nil { note("Exported \(count) feedback records to \(output!).") }
        try await database.close()
    }
}
