import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

struct ImportInteractionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interactions",
        abstract: "Import calls, chats and e-mails with their queue timings, all or nothing.",
        discussion: """
            --format technion reads the Technion "Anonymous Bank" call log (tab-separated); --format csv the generic
            columns \(InteractionJSON.columns.joined(separator: ",")); --format json an array of objects with
            those fields (or {"items": [...]}). See README.
            Every line is checked first; the first bad line stops the import with its number, unless --skip-bad,
            which imports the good lines and lists the bad ones. A retried import adds nothing.
            """)

    enum Format: String, ExpressibleByArgument {
        case technion, csv, json
    }

    @OptionGroup var common: CommonOptions
    @OptionGroup var chunks: ChunkOptions

    @Option(help: "File format.")
    var format: Format = .technion

    @Option(help: "IANA time zone of the file's local times (default: the organisation's).")
    var timezone: String?

    @Flag(help: "Import the good lines and report the bad ones instead of stopping.")
    var skipBad = false

    @Argument(help: "The file (- for standard input).")
    var file: String

    func run() async throws {
        if format == .csv && file != "-" {
            try await streamCSV()
            return
        }
        let configuration = try common.configuration()
        let logger = common.logger(configuration)
        let text = try readInput(file)
        let database = try await AppDatabase.open(configuration.databaseURL, logger: logger)
        do {
            let zoneName: String
            if let timezone { zoneName = timezone } else { zoneName = try await database.reference.organisation().timezone }
            guard let zone = TimeZone(identifier: zoneName) else { throw CommandFailure("--timezone: unknown time zone '\(zoneName)'") }
            let parsed: ParsedInteractions
            do {
                parsed = try parse(text, zone: zone)
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
            } catch let error as DecodingError {
                throw CommandFailure("\(file): malformed JSON (\(error)); nothing was imported")
            }
            note("Parsed \(parsed.records.count) contacts (\(parsed.phantoms) PHANTOM calls dropped); storing them in one transaction…")
            for problem in parsed.skipped.prefix(20) { note("  skipped \(problem)") }
            if parsed.skipped.count > 20 { note("  … and \(parsed.skipped.count - 20) more") }
            let records = parsed.records
            for item in records {
                do {
                    try item.record.validate()
                } catch {
                    throw CommandFailure("\(file): line \(item.line), column \(error.field ?? "?"): \(error.message); nothing was imported")
                }
            }
            let outcome: InsertOutcome
            do {
                outcome = try await database.interactions.insert(records.map(\.record), createMissingReferences: true)
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(ImportFeedbackCommand.locate(error, records.map(\.line))); nothing was imported")
            }
            try await database.close()
            print("imported \(outcome.inserted.count), already present \(outcome.duplicates.count), skipped \(parsed.skipped.count) bad lines, dropped \(parsed.phantoms) PHANTOM")
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// A CSV file is streamed: read and stored in chunks inside one transaction (``ChunkedImport``), so memory stays
    /// bounded for a file of any size and a bad line still rolls everything back.
    func streamCSV() async throws {
        let stream = try ChunkedImport.opening(file) { try InteractionCSV.stream(path: file, skipBad: skipBad) }
        let rows = chunks.chunkRows
        let outcome = try await ChunkedImport.store(common, chunks, file: file, next: { try stream.next(limit: rows) }) { database, next, progress in
            try await database.interactions.importChunks(createMissingReferences: true, next: next, progress: progress)
        }
        ChunkedImport.report(skipped: stream.skipped)
        print("imported \(outcome.inserted), already present \(outcome.duplicates), skipped \(stream.skipped.count) bad lines, dropped 0 PHANTOM")
    }

    /// Reads the file in its format; every format yields records with their line (or item) numbers.
    func parse(_ text: String, zone: TimeZone) throws -> ParsedInteractions {
        switch format {
        case .technion:
            return try TechnionCallLog.parse(text, timeZone: zone, skipBad: skipBad)
        case .csv:
            let (records, skipped) = try InteractionCSV.parse(text, skipBad: skipBad)
            var result = ParsedInteractions()
            result.records = records
            result.skipped = skipped
            return result
        case .json:
            struct Batch: Decodable { var items: [InteractionJSON] }
            let data = Data(text.utf8)
            let items: [InteractionJSON]
            if let batch = try? JSONDecoder().decode(Batch.self, from: data) {
                items = batch.items
            } else {
                items = try JSONDecoder().decode([InteractionJSON].self, from: data)
            }
            var result = ParsedInteractions()
            for (index, item) in items.enumerated() {
                switch Self.convert(item) {
                case .success(let interaction):
                    result.records.append(ImportRecord(line: index + 1, record: interaction))
                case .failure(let error):
                    guard skipBad else { throw OtklikError.invalid("item \(index + 1), field \(error.field ?? "?")", error.message) }
                    result.skipped.append(ImportProblem(line: index + 1, message: error.message))
                }
            }
            return result
        }
    }

    static func convert(_ item: InteractionJSON) -> Result<Interaction, OtklikError> {
        do {
            return .success(try item.interaction())
        } catch {
            return .failure(error)
        }
    }
}
