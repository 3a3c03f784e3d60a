import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer

/// `otklik report monthly`: the monthly report of the organisation or one location as an HTML, PDF or XLSX file.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The monthly report: headline KPIs with targets and change, 12-month trend, locations, reasons, cases, contact centre; its e-mail subscriptions.",
        subcommands: [Monthly.self, Subscribe.self, Subscriptions.self, Unsubscribe.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, pdf, xlsx
    }

    struct Monthly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write one month's report to a file: html (self-contained), pdf (needs Chromium) or xlsx (one sheet per table).",
            discussion: """
                The figures are those of /reports/monthly and of the metrics API for the same month. The PDF is printed by
                headless Chromium (the chromium package, or OTKLIK_CHROMIUM=/path/to/chrome); without it the command says so
                and exits 1. Nothing is written on an error.
                """)
        @OptionGroup var common: CommonOptions
        @Option(help: "The calendar month YYYY-MM (default: the last complete month).") var month: String?
        @Option(help: "One location's code (default: the whole organisation).") var location: String?
        @Option(help: "html, pdf or xlsx.") var format: Format = .html
        @Option(help: "ru or en (default: the organisation's language).") var language: String?
        @Option(help: "The file to write (- for standard output).") var output: String

        func run() async throws {
            let configuration = try common.configuration()
            try common.requireDatabase(configuration)
            let logger = common.logger(configuration)
            let app = try await OtklikApp.open(configuration, logger: logger)
            let data: Data
            do {
                var chosen = language ?? ""
                if chosen.isEmpty { chosen = try await app.database.reference.organisation().defaultLang }
                let monthText = month ?? ""
                data = try await app.monthlyReportFile(month: monthText, location: location, format: format.rawValue, language: chosen)
            } catch let error as OtklikError {
                try? await app.database.close()
                throw CommandFailure(error.field.map { "--\($0): \(error.message)" } ?? error.message)
            }
            try await app.database.close()
            if output == "-" {
                FileHandle.standardOutput.write(data)
            } else {
                try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                note("wrote \(output) (\(data.count) bytes)")
            }
        }
    }
}
