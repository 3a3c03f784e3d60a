import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikMetrics
import OtklikServer
import OtklikStore

/// `otklik segments define FILE.json | list | members CODE | personas`: rule-based segments and k-means personas from
/// the command line (issue 18 item 7); the JSON is the API's (docs/api.md).
struct SegmentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segments",
        abstract: "Customer segments: define them from JSON, list them with size and figures, list a segment's members, find personas.",
        subcommands: [Define.self, List.self, Members.self, Personas.self])

    static func segments(_ database: AppDatabase) -> CustomerSegments {
        CustomerSegments(database: database, churn: ChurnModelCache(database: database), values: CustomerValueModel(database: database))
    }

    static func figure(_ f: FeedbackFigures.Figure?, digits: Int) -> String {
        guard let f else { return "—" }
        let d = "%.\(digits)f"
        return String(format: d, f.value) + " [" + (f.low.map { String(format: d, $0) } ?? "—") + "; " + (f.high.map { String(format: d, $0) } ?? "—") + "] n=\(f.n)"
    }

    static func describe(_ figures: FeedbackFigures) -> String {
        guard figures.shown else { return "too few customers to show figures (\(figures.customers) < \(figures.minimumSize))" }
        return "NPS \(figure(figures.nps, digits: 0))\tCSAT % \(figure(figures.csat, digits: 0))\tCES \(figure(figures.ces, digits: 1))"
    }

    struct Define: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Define segments from a JSON file: one definition or {\"segments\": [...]}; all or nothing; an existing code is replaced.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "JSON file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            let segments: [Segment]
            do {
                segments = try SegmentDefinition.parseList(Data(text.utf8))
            } catch {
                note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was defined")
                throw ExitCode(2)
            }
            try await withDatabase(common) { database in
                try await database.segments.define(segments, now: Date())
                segments.forEach { print("defined \($0.code)\t\($0.nameEn)") }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the segments as of now: code, customers, NPS, CSAT and CES with intervals and n.")
        @OptionGroup var common: CommonOptions
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let tool = SegmentsCommand.segments(database)
                let now = Date()
                let evaluated = try await tool.evaluateAll(now: now)
                switch format {
                case .json: try printJSON(SegmentListJSON(asOf: now, minimumSize: tool.minimumSize, segments: evaluated.map(SegmentJSON.init)))
                case .table:
                    for item in evaluated {
                        print("\(item.segment.code)\t\(item.members.count) customers\t\(SegmentsCommand.describe(item.figures))\t\(item.segment.nameEn)")
                    }
                }
            }
        }
    }

    struct Members: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A segment's members as of now, with its figures.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The segment's code.") var code: String
        @Option(help: "Skip this many members.") var offset: Int = 0
        @Option(help: "Show at most this many members.") var limit: Int = 1_000
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            guard offset >= 0 else { throw CommandFailure("--offset must be 0 or more") }
            guard (1...1_000_000).contains(limit) else { throw CommandFailure("--limit must be 1 to 1000000") }
            try await withDatabase(common) { database in
                let evaluated = try await SegmentsCommand.segments(database).evaluate(code: code)
                let page = evaluated.members.dropFirst(offset).prefix(limit)
                switch format {
                case .json: try printJSON(SegmentDetailJSON(segment: SegmentJSON(evaluated), offset: offset, limit: limit, members: page.map(SegmentMemberJSON.init)))
                case .table:
                    print("\(evaluated.segment.code): \(evaluated.members.count) customers; \(SegmentsCommand.describe(evaluated.figures))")
                    for member in page {
                        print("\(member.customer)\tpurchases \(member.purchases)\tspend \(String(format: "%.0f", member.monetary))\tlast purchase \(member.recencyDays.map { "\(Int($0)) d ago" } ?? "—")\tcomplaints \(member.complaints)")
                    }
                }
            }
        }
    }

    struct Personas: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Personas: k-means on the standardised attributes of the customers who bought, k chosen by bootstrap stability (or given).")
        @OptionGroup var common: CommonOptions
        @Option(help: "auto, or a number of clusters from 2 to 8.") var k: String = "auto"
        @Option(help: "ru or en: the language of the persona cards.") var lang: String = "en"
        @Option(help: "table or json.") var format: AnalyzeCommand.Format = .table

        func run() async throws {
            guard ["ru", "en"].contains(lang) else { throw CommandFailure("--lang must be ru or en") }
            let choice: PersonaAnalysis.Choice
            if k == "auto" { choice = .auto } else if let n = Int(k), (2...8).contains(n) { choice = .fixed(n) } else { throw CommandFailure("--k must be auto or 2 to 8") }
            try await withDatabase(common) { database in
                let result: PersonaAnalysis.Result
                do {
                    result = try await SegmentsCommand.segments(database).personas(choice: choice, lang: lang)
                } catch let error as OtklikError {
                    throw CommandFailure(error.message)
                }
                switch format {
                case .json: try printJSON(PersonasJSON(result))
                case .table:
                    print("\(result.customers) customers who bought; k = \(result.k) (\(result.chosenBy))")
                    for candidate in result.stability?.candidates ?? [] { print("  k = \(candidate.k): mean ARI \(String(format: "%.3f", candidate.meanARI))") }
                    for persona in result.personas {
                        print("persona \(persona.number): \(persona.size) customers (\(String(format: "%.0f", 100 * persona.share)) %): \(persona.words.joined(separator: ", "))")
                        print("  themes: \(persona.themes.map { "\($0.name) (\($0.comments))" }.joined(separator: ", "))")
                        print("  \(SegmentsCommand.describe(persona.figures))")
                    }
                }
            }
        }
    }
}
