import ArgumentParser
import Foundation
import Logging
import OtklikApplication
import OtklikCore
import OtklikInterchange
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
            Agent-state metrics (over an imported agent-state log): \(AgentMetric.Kind.allCases.map(\.rawValue).joined(separator: ", ")), by agent, hour, day, week, month.
            Public-service KPIs (seed 000, over imported requests and interactions): \(PublicServiceKPI.Kind.allCases.map(\.rawValue).joined(separator: ", "));
            parameters --threshold (phone_answered, default 60 s), --working-days (email_answered, default 3), --online-channels (default web,mobile_app).
            Case reports: \(CaseMetric.allCases.map(\.rawValue).joined(separator: ", ")), by location, region, staff, owner, day, week, month of opening.
            Dimensions for --by (at most two, comma-separated): \(GroupDimension.allCases.map(\.rawValue).joined(separator: ", ")).
            Feedback metrics also by customer segment: --segment CODE (the segment's members as of now) or --by segment.
            --format json prints {"metric", "definition", "minimum_n", "by", "groups": [{"key", "value", "n", "ci_low", "ci_high", "insufficient"}], "overall"}
            (with --segment also "segment": {"code", "members_as_of", "customers", "shown", "withheld", …}; with --by segment "suppressed").
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
    @Option(help: "Only the records of this segment's members as of now (feedback metrics; --by segment gives one row per segment).")
    var segment: String?

    @Option(help: "Groups with fewer answers are insufficient (default 30, or OTKLIK_MINIMUM_N).")
    var minN: Int?

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    @Option(help: "Contact centre: only these queues (comma-separated).") var queue: String?
    @Option(help: "Contact centre: only these agents.") var agent: String?
    @Option(help: "Service-level threshold T in seconds (a wait of T counts as within); default 20, 60 for phone_answered.") var threshold: Double?
    @Option(help: "Abandons after at most this many seconds are short.") var shortAbandon: Double = 5
    @Option(help: "Named definition: for sl one of the five, for abandonment all or without_short.") var definition: String?
    @Option(help: "FCR window in days.") var fcrDays: Int = 7
    @Option(help: "email_answered: working days after the day of receipt.") var workingDays: Int?
    @Option(help: "online_share and platform_users: the online channels (comma-separated).") var onlineChannels: String?

    enum OutputFormat: String, ExpressibleByArgument {
        case table, csv, json
    }

    func run() async throws {
        let configuration = try common.configuration()
        try common.requireDatabase(configuration)
        let logger = common.logger(configuration)
        let database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        let organisation = try await database.reference.organisation()
        let zone = TimeZone(identifier: organisation.timezone) ?? TimeZone(identifier: "UTC")!
        if let caseMetric = CaseMetric(rawValue: metric) {
            var parameters: [String: String] = [:]
            for (key, value) in [("by", by), ("from", from), ("to", to), ("location", location), ("min_n", minN.map(String.init))] {
                if let value { parameters[key] = value }
            }
            do {
                let report = try await CaseReports(database: database, schedule: CaseScheduleSource(database: database, configuration: configuration))
                    .report(caseMetric, parameters: parameters, minimumN: configuration.minimumN)
                try await database.close()
                try output(report)
            } catch let error as OtklikError {
                try? await database.close()
                throw CommandFailure("--\(error.field ?? "metric"): \(error.message)")
            }
            return
        }
        let asksSegment = SegmentMetrics.asks(["segment": segment ?? "", "by": by ?? ""])
        if asksSegment, MetricID(rawValue: metric) == nil {
            try? await database.close()
            throw CommandFailure("--segment: a segment slices the feedback metrics; \(metric) is not one")
        }
        if CallMetric.Kind(rawValue: metric) != nil || PublicServiceQueryParser.handles(metric) {
            let report: MetricReport
            do {
                report = try await processReport(database: database, zone: zone, minimumN: configuration.minimumN, logger: logger)
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
        if asksSegment {
            if let segment { parameters["segment"] = segment }
            let analytics = Analytics(timeZone: zone)
            do {
                try await analytics.load(from: database, logger: logger, parts: .feedback)
                let slicer = SegmentSlicer(segments: SegmentsCommand.segments(database), repository: database.segments)
                let report = try await SegmentMetrics(analytics: analytics, slicer: slicer).report(parameters, scope: nil, minimumN: configuration.minimumN)
                try await database.close()
                try output(report)
            } catch let error as OtklikError {
                try? await database.close()
                throw CommandFailure("--\(error.field?.replacingOccurrences(of: "_", with: "-") ?? "metric"): \(error.message)")
            }
            return
        }
        let parsed: MetricQueryParser.Parsed
        do {
            parsed = try MetricQueryParser(timeZone: zone).parse(parameters)
        } catch {
            try await database.close()
            throw CommandFailure("--\(error.field?.replacingOccurrences(of: "_", with: "-") ?? "metric"): \(error.message)")
        }
        let analytics = Analytics(timeZone: zone)
        try await analytics.load(from: database, logger: logger, parts: .feedback)
        try await database.close()
        let report = try await analytics.report(parsed.metric, parsed.query, minimumN: parsed.minimumN ?? configuration.minimumN)
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

    /// A contact-centre, agent-state or public-service KPI over the stored process records.
    func processReport(database: AppDatabase, zone: TimeZone, minimumN: Int, logger: Logger) async throws -> MetricReport {
        var parameters: [String: String] = ["metric": metric, "short_abandon": String(shortAbandon), "fcr_days": String(fcrDays)]
        let options: [(String, String?)] = [
            ("by", by), ("from", from), ("to", to), ("queue", queue), ("agent", agent), ("definition", definition),
            ("min_n", minN.map(String.init)), ("location", location), ("region", region), ("service", service), ("channel", channel),
            ("threshold", threshold.map { String($0) }), ("working_days", workingDays.map(String.init)), ("online_channels", onlineChannels),
        ]
        for (key, value) in options { if let value { parameters[key] = value } }
        if staff != nil || kind != nil { throw CommandFailure("--staff and --kind apply to feedback metrics; use --agent for contacts") }
        let analytics = Analytics(timeZone: zone)
        do {
            // Only the facts the asked metric reads.
            let parts: Analytics.Parts = CallMetric.Kind(rawValue: metric) != nil ? .interactions
                : AgentMetric.Kind(rawValue: metric) != nil ? [.agentStates, .interactions] : .requests
            try await analytics.load(from: database, logger: logger, parts: parts)
            if CallMetric.Kind(rawValue: metric) != nil {
                return await analytics.report(try CallMetricQueryParser(timeZone: zone).parse(parameters), minimumN: minimumN)
            }
            return try await analytics.report(try PublicServiceQueryParser(timeZone: zone).parse(parameters), minimumN: minimumN)
        } catch let error as OtklikError {
            throw CommandFailure("--\(error.field?.replacingOccurrences(of: "_", with: "-") ?? "metric"): \(error.message)")
        }
    }
}
