import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikMetrics
import OtklikServer
import OtklikStore

/// `otklik assess items|score|report`: the CX maturity self-assessment of seed 001's 55 standards.
struct AssessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "The CX maturity self-assessment: list the 55 standards, score them from a CSV file, print the report.",
        subcommands: [Items.self, Score.self, Report.self])

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json
        case table
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    struct Items: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The 55 standards (1a-7e) in the seed's order: id, pillar, domain, names and texts in Russian and English.")
        @Option(help: "json (a stable array, docs/integrators.md) or table.") var format: Format = .table

        func run() async throws {
            switch format {
            case .json:
                print(try AssessCommand.json(MaturityItemJSON.all))
            case .table:
                for item in MaturityCatalogue.items {
                    print([item.id, item.pillar.rawValue, String(item.domain), item.textRu].joined(separator: "\t"))
                }
            }
        }
    }

    struct Score: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a new assessment from a CSV file id,score,evidence (every row checked first; nothing stored on an error).",
            discussion: """
                score is 0-4, empty for not assessed; standards without a row are not assessed. The previous assessment stays
                for the comparison. The same scores and notes as the latest assessment store nothing (a retry is harmless).
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (- for standard input).") var file: String
        @Option(help: "Who scored (default: the user running the command).") var scorer: String?
        @Option(name: .customLong("taken-at"), help: "When the assessment was taken: YYYY-MM-DD or an ISO 8601 time (default: now).") var takenAt: String?

        func run() async throws {
            let text = try readInput(file)
            var taken = Date()
            if let takenAt {
                guard let parsed = Timestamp.parse(takenAt) else { throw refuse("--taken-at: '\(takenAt)' is not YYYY-MM-DD or an ISO 8601 time") }
                taken = parsed
            }
            let items: [MaturityItemScore]
            do {
                items = try MaturityCSV.parse(text)
            } catch {
                throw refuse(Self.describe(error))
            }
            let who = scorer ?? ProcessInfo.processInfo.environment["USER"] ?? "otklik"
            try await withDatabase(common, creating: false) { database in
                let repository = SQLMaturityRepository(database: database.sql)
                do {
                    let outcome = try await repository.save(
                        MaturityAssessment(id: "", takenAt: taken, scorer: who, items: items), source: .file, now: Date())
                    switch outcome {
                    case .created(let id): print("assessment \(id) stored: \(items.filter { $0.score != nil }.count) of 55 standards scored")
                    case .unchanged(let id): print("assessment \(id) already holds these scores: nothing stored")
                    }
                } catch let error as OtklikError {
                    throw refuse(Self.describe(error))
                }
            }
        }

        static func describe(_ error: OtklikError) -> String {
            (error.field.map { "\($0): " } ?? "") + error.message
        }

        /// Bad input: the reason on standard error, exit code 2.
        func refuse(_ message: String) -> ExitCode {
            note("error: \(file): \(message); nothing was stored")
            return ExitCode(2)
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The latest assessment: scores per item, domain and pillar, overall, the stage, the change against the previous one, and the evidence Otklik holds.")
        @OptionGroup var common: CommonOptions
        @Option(help: "json (a stable object, docs/integrators.md) or table.") var format: Format = .table

        func run() async throws {
            try await withDatabase(common) { database in
                let report = try await MaturityBoard(repository: SQLMaturityRepository(database: database.sql)).report()
                switch format {
                case .json: print(try report.json())
                case .table: print(Self.table(report))
                }
            }
        }

        static func number(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
        static func signed(_ value: Double?) -> String { value.map { String(format: "%+.1f", $0) } ?? "—" }

        static func table(_ report: MaturityReport) -> String {
            guard let current = report.current else { return "no assessment yet: otklik assess score FILE.csv" }
            var lines = ["assessment \(current.id) taken \(current.takenAt) by \(current.scorer)" + (report.previous.map { "; previous \($0.id) taken \($0.takenAt)" } ?? "")]
            lines.append("overall\t\(number(report.overall.score))\t\(report.overall.assessed)/\(report.overall.items) assessed\tchange \(signed(report.overall.change))\tstage \(report.stage ?? "—")")
            for pillar in report.pillars {
                lines.append("pillar \(pillar.pillar)\t\(number(pillar.figure.score))\t\(pillar.figure.assessed)/\(pillar.figure.items)\t\(signed(pillar.figure.change))")
            }
            for domain in report.domains {
                lines.append("domain \(domain.domain) \(domain.nameEn)\t\(number(domain.figure.score))\t\(domain.figure.assessed)/\(domain.figure.items)\t\(signed(domain.figure.change))")
            }
            for item in report.items {
                lines.append("\(item.id)\t\(item.score.map(String.init) ?? "—")\t\(item.previousScore.map(String.init) ?? "—")\t\(item.evidenceNote)")
            }
            for evidence in report.evidence {
                let share = evidence.share.map { String(format: "%.1f %%", $0 * 100) } ?? "—"
                let ci = evidence.ciLow.flatMap { low in evidence.ciHigh.map { String(format: "[%.1f; %.1f]", low * 100, $0 * 100) } } ?? ""
                lines.append("evidence \(evidence.itemId) \(evidence.kind)\t\(evidence.successes)/\(evidence.n)\t\(share) \(ci)")
            }
            return lines.joined(separator: "\n")
        }
    }
}
