import ArgumentParser
import Foundation
import OtklikCore
import OtklikMetrics
import OtklikServer
import OtklikStore

struct MetricsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute a metric by slices, with n and 95 % intervals.",
        discussion: """
            Metrics: \(MetricID.allCases.map(\.rawValue).joined(separator: ", ")).
            Dimensions for --by (at most two, comma-separated): \(GroupDimension.allCases.map(\.rawValue).joined(separator: ", ")).
            --format json prints {"metric", "definition", "minimum_n", "by", "groups": [{"key", "value", "n", "ci_low", "ci_high", "insufficient"}], "overall"}.
            """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The metric.")
    var metric: String

    @Option(help: "Group by these dimensions, e.g. location or location,month.")
    var by: String?

    @Option(help: "From this time or date (inclusive), ISO-8601 or YYYY-MM-DD in the organisation's time zone.")
    var from: String?

    @Option(help: "Up to this time or date (exclusive).")
    var to: String?

    @Option(help: "Only these regions (comma-separated codes).") var region: String?
    @Option(help: "Only these locations.") var location: String?
    @Option(help: "Only these staff members.") var staff: String?
    @Option(help: "Only these services.") var service: String?
    @Option(help: "Only these channels.") var channel: String?
    @Option(help: "Only these kinds of feedback.") var kind: String?

    @Option(help: "Groups with fewer answers are insufficient (default 30, or OTKLIK_MINIMUM_N).")
    var minN: Int?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    enum OutputFormat: String, ExpressibleByArgument {
        case table, csv, json
    }

    func run() async throws {
        let configuration = try common.configuration()
        let logger = common.logger(configuration)
        let database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        let organisation = try await database.reference.organisation()
        let zone = TimeZone(identifier: organisation.timezone) ?? TimeZone(identifier: "UTC")!
        var parameters: [String: String] = ["metric": metric]
        let options: [(String, String?)] = [
            ("by", by), ("from", from), ("to", to), ("region", region), ("location", location), ("staff", staff),
            ("service", service), ("channel", channel), ("kind", kind), ("min_n", minN.map(String.init)),
        ]
        for (key, value) in options { if let value { parameters[key] = value } }
        let parsed: MetricQueryParser.Parsed
        do {
            parsed = try MetricQueryParser(timeZone: zone).parse(parameters)
        } catch {
            try await database.close()
            throw CommandFailure("--\(error.field?.replacingOccurrences(of: "_", with: "-") ?? "metric"): \(error.message)")
        }
        let analytics = Analytics(timeZone: zone)
        try await analytics.load(from: database, logger: logger)
        try await database.close()
        let report = await analytics.report(parsed.metric, parsed.query, minimumN: parsed.minimumN ?? configuration.minimumN)
        switch format {
        case .table:
            print(report.renderTable())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .csv:
            let writer = try CSVRowWriter(header: report.columnNames)
            for row in report.rows(decimals: 4) { try writer.write(row) }
            print(writer.text, terminator: "")
        }
    }
}
