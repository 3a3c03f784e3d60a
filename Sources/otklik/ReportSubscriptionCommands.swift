import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikStore

/// `otklik report subscribe | subscriptions | unsubscribe`: who gets the monthly report by e-mail. The server's
/// background round sends each subscription the previous month's report on its day.
extension ReportCommand {
    struct Subscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "E-mail the monthly report to an address every month (the previous calendar month's report).",
            discussion: """
                The summary is in the message, the files are attached. On --day of each month (29-31: the last day of a
                shorter month) the server queues the mail once; a PDF needs Chromium on the server, without it the XLSX is
                sent and the message says the PDF was not available. Subscribing again with the same settings changes nothing.
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "The e-mail address.") var email: String
        @Option(help: "One location's code (default: the whole organisation).") var location: String?
        @Option(help: "ru or en (default: the organisation's language).") var lang: String?
        @Option(help: "The attachments: pdf, xlsx or pdf,xlsx.") var format: String = "pdf,xlsx"
        @Option(help: "The day of the month to send on, 1-31.") var day: Int = 1

        func run() async throws {
            try await withDatabase(common) { database in
                do {
                    var language = lang ?? ""
                    if language.isEmpty { language = try await database.reference.organisation().defaultLang }
                    let (subscription, created) = try await ReportSubscriptions(repository: database.reportSubscriptions).subscribe(
                        email: email, location: location, language: language, formats: format.split(separator: ",").map(String.init), day: day)
                    print(created ? "subscribed: \(ReportCommand.describe(subscription))" : "already subscribed: \(ReportCommand.describe(subscription))")
                } catch let error as OtklikError {
                    throw CommandFailure("\(error.field.map { $0 == "email" ? "EMAIL: " : "--\($0): " } ?? "")\(error.message); nothing was changed")
                }
            }
        }
    }

    struct Subscriptions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List who gets the monthly report by e-mail, with the last mailing.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                let service = ReportSubscriptions(repository: database.reportSubscriptions)
                let all = try await service.list()
                if all.isEmpty { print("no report subscriptions") }
                for subscription in all {
                    let last = try await service.mailings(id: subscription.id).first
                    let mailing = last.map { " · last: \($0.month) \($0.status)\($0.lastError.map { " (\($0.prefix(120)))" } ?? "")" } ?? " · last: none yet"
                    print(ReportCommand.describe(subscription) + mailing)
                }
            }
        }
    }

    struct Unsubscribe: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop e-mailing the monthly report to one subscription (its id from `report subscriptions`).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The subscription's id (rs-…).") var id: String

        func run() async throws {
            try await withDatabase(common) { database in
                do {
                    try await ReportSubscriptions(repository: database.reportSubscriptions).unsubscribe(id: id)
                    print("unsubscribed \(id)")
                } catch let error as OtklikError {
                    throw CommandFailure(error.message)
                }
            }
        }
    }

    /// `rs-1a2b3c4d5e  director@example.ru  L01  ru  pdf,xlsx  day 1`.
    static func describe(_ subscription: ReportSubscription) -> String {
        [
            subscription.id, subscription.email, subscription.location ?? "organisation", subscription.language,
            subscription.formats.map(\.rawValue).joined(separator: ","), "day \(subscription.day)",
        ].joined(separator: "  ")
    }
}
