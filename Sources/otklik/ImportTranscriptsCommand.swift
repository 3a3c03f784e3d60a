import ArgumentParser
import Foundation
import OtklikApplication
import OtklikCore
import OtklikInterchange
import OtklikServer
import OtklikStore

struct ImportTranscriptsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transcripts",
        abstract: "Import conversation transcripts (organic feedback), all or nothing.",
        discussion: """
            --format json: an array of {"id","location","staff","started_at","ended_at","lang","turns":[{"speaker","text","offset_s"}]}
            (or {"items": [...]}); --format jsonl: one such object per line; --format csv: one row per turn with the columns
            \(TranscriptCSV.columns.joined(separator: ",")), the rows of a transcript consecutive. speaker is staff or customer.
            Unknown location and staff codes are created. A retried import adds nothing.
            """)

    enum Format: String, ExpressibleByArgument {
        case json, jsonl, csv
    }

    @OptionGroup var common: CommonOptions
    @Option(help: "json, jsonl or csv.") var format: Format = .jsonl
    @Flag(help: "Import the good transcripts and report the bad ones instead of stopping.") var skipBad = false
    @Argument(help: "The file (- for standard input).") var file: String

    func run() async throws {
        let text = try readInput(file)
        let importer = RecordImport<Transcript, TranscriptJSON>(
            file: file, format: format == .json ? .json : .csv, skipBad: skipBad,
            parseCSV: { [format] text, skip in
                format == .jsonl ? try TranscriptJSON.parseLines(text, skipBad: skip) : try TranscriptCSV.parse(text, skipBad: skip)
            },
            convert: { item throws(OtklikError) in try item.transcript() })
        try await withDatabase(common, creating: true) { database in
            try await importer.run(text, noun: "transcripts") { try await database.transcripts.insert($0, createMissingReferences: true) }
            try await TextAnalysisConsumer(database: database, logger: common.logger(try common.configuration())).catchUp()
        }
    }
}
