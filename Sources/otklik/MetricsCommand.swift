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
            Feedback metrics: \(MetricID.allCases.map(\.rawValue).joined(separator: ", ")).
            Contact-centre metrics (over imported interactions): \(CallMetric.Kind.allCases.map(\.rawValue).joined(separator: ", ")),
            grouped by \(CallDimension.allCases.map(\.rawValue).joined(separator: ", ")); parameters --threshold, --short-abandon,
            --definition (sl: \(CallMetric.ServiceLevelDefinition.allCases.map(\.rawValue).joined(separator: ", ")); abandonment: all, without_short), --fcr-days.
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

    @Option(help: "Contact centre: only these queues (comma-separated).") var queue: String?
    @Option(help: "Contact centre: only these agents.") var agent: String?
    @Option(help: "Service-level threshold T in seconds (a wait of T counts as within).") var threshold: Double = 20
    @Option(help: "Abandons after at most this many seconds are short.") var shortAbandon: Double = 5
    @Option(help: "Named definition: for sl one of the five, for abandonment all or without_short.") var definition: String?
    @Option(help: "FCR window in days.") var fcrDays: Int = 7

    enum OutputFormat: String, ExpressibleByArgument {
        case table, csv, json
    }

    func run() async throws {
        let configuration = try common.configuration()
        let logger = common.logger(configuration)
        let database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        let organisation = try await database.reference.organisation()
        let zone = TimeZone(identifier: organisation.timezone) ?? TimeZone(identifier: "UTC")!
        if let kind = CallMetric.Kind(rawValue: metric) {
            let report: MetricReport
            do {
                report = try await callReport(kind, database: database, zone: zone, minimumN: minN ?? configuration.minimumN)
            } catch {
                try? await database.close()
                throw error
            }
            try await database.close()
            try output(report)
            return
        }
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
        try output(report)
    }

    func output(_ report: MetricReport) throws {
        switch format {
        case .table:
            print(report.renderTable())
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .csv:
            let writer = try CSVRowWriter(header: report.csvColumnNames)
            for row in report.rows(decimals: 4, csv: true) { try writer.write(row) }
            print(writer.text, terminator: "")
        }
    }

    /// A contact-centre KPI over the stored interactions.
    func callReport(_ kind: CallMetric.Kind, database: AppDatabase, zone: TimeZone, minimumN: Int) async throws -> MetricReport {
        var parameters: [String: String] = [
            "metric": kind.rawValue, "threshold": String(threshold), "short_abandon": String(shortAbandon), "fcr_days": String(fcrDays),
        ]
        let options: [(String, String?)] = [
            ("by", by), ("from", from), ("to", to), ("queue", queue), ("agent", agent), ("definition", definition),
            ("min_n", minN.map(String.init)),
        ]
        for (key, value) in options { if let value { parameters[key] = value } }
        let parsed: CallMetricQueryParser.Parsed
        do {
            parsed = try CallMetricQueryParser(timeZone: zone).parse(parameters)
        } catch {
            throw CommandFailure("--\(error.field?.replacingOccurrences(of: "_", with: "-") ?? "metric"): \(error.message)")
        }
        var facts = CallFacts(timeZone: zone)
        try await database.interactions.forEachChunk(size: 50_000) { facts.append($0) }
        return facts.report(
            parsed.metric, by: parsed.dimensions, from: parsed.from, to: parsed.to, queues: parsed.queues, agents: parsed.agents,
            minimumN: parsed.minimumN ?? minimumN)
    }
}
