import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikServer

/// `otklik mail bounce FILE`: the mail the organisation's bounce mailbox receives, fed to Otklik (issue 19 item 1).
struct MailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Mail coming back: record a delivery status notification (a bounce) on the message it is about.",
        subcommands: [Bounce.self])

    struct Bounce: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a delivery status notification (RFC 3464) on the delivery it names: a permanent failure marks the message bounced "
                + "(a survey invitation then counts as no contact), a delay changes nothing; a repeat changes nothing. Exit 2: not a valid "
                + "notification; exit 1: about no message Otklik sent.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The raw message, as a mail server sent it (- for standard input, as from a mailbox's pipe).") var file: String
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            let raw = try readInput(file)
            try await withDatabase(common) { database in
                let intake = DeliveryNotificationIntake(reports: DeliveryReports(deliveries: database.deliveries, surveys: database.surveys))
                let result: DeliveryNotificationJSON
                do {
                    result = try await intake.record(raw, now: Date())
                } catch let error as OtklikError where error.code == .invalidInput || error.code == .notFound {
                    note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was recorded")
                    throw ExitCode(error.code == .notFound ? 1 : 2)
                }
                switch format {
                case .json: print(String(decoding: try WireJSON.encoder.encode(result), as: UTF8.self))
                case .table:
                    let effect = result.changed ? "recorded" : (result.outcome == "delayed" ? "nothing to change yet" : "already recorded")
                    print([result.outcome, result.status, result.recipient, "delivery \(result.delivery.id) (\(result.delivery.kind))", effect]
                        .joined(separator: "\t"))
                }
            }
        }
    }
}
