import ArgumentParser
import Foundation
import OtklikServer
import OtklikStore

/// `otklik text reanalyze`: analyses stored comments and transcripts again with the organisation's taxonomy.
struct TextReanalyzeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reanalyze",
        abstract: "Analyse the stored comments and transcripts again (language, sentiment, themes, compliance) with the stored taxonomy.",
        discussion: """
            Every stored comment is analysed when it arrives; run this after changing the taxonomy outside the server, or with \
            --missing-only for records stored before analysis existed (the server does that at start). Progress goes to standard error.
            """)

    @OptionGroup var common: CommonOptions

    @Flag(help: "Only the comments and transcripts that have no analysis yet.")
    var missingOnly = false

    @Option(help: "Records per transaction.")
    var chunk = 5_000

    func run() async throws {
        guard chunk > 0 else { throw ValidationError("--chunk must be positive") }
        let started = Date()
        try await withDatabase(common) { database in
            let count = try await database.texts.reanalyze(all: !missingOnly, chunkSize: chunk) { done, total in
                note("analysed \(done) of \(total)")
            }
            note(String(format: "analysed %d comments and transcripts in %.1f s", count, Date().timeIntervalSince(started)))
        }
    }
}
