import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

struct ReasonsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reasons",
        abstract: "The reasons the kiosk and QR forms offer.",
        discussion: """
            `otklik reasons import FILE` replaces the whole list from a CSV with columns code,location,label_ru,label_en
            (an empty location: offered everywhere; a code listed for a location replaces the general one there).
            `otklik reasons list` prints it in the same format.
            """,
        subcommands: [Import.self, List.self])

    static let columns = ["code", "location", "label_ru", "label_en"]

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the reason list from a CSV file, all or nothing.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV file (- for standard input).") var file: String

        func run() async throws {
            let text = try readInput(file)
            let records: [ImportRecord<Reason>]
            do {
                records = try RecordCSV.parse(text, columns: ReasonsCommand.columns, required: ReasonsCommand.columns.filter { $0 != "location" }, skipBad: false) {
                    cells throws(OtklikError) in
                    let reason = Reason(code: cells["code"] ?? "", location: cells["location"], labelRu: cells["label_ru"] ?? "", labelEn: cells["label_en"] ?? "")
                    try reason.validate()
                    return reason
                }.records
            } catch let error as OtklikError {
                throw CommandFailure("\(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was changed")
            }
            try await withDatabase(common) { database in
                do {
                    try await database.reasons.replaceAll(records.map(\.record))
                } catch let error as OtklikError {
                    throw CommandFailure("\(file): \(ImportFeedbackCommand.locate(error, records.map(\.line))); nothing was changed")
                }
                print("reasons: \(records.count)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the reason list as CSV.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                let writer = try CSVRowWriter(header: ReasonsCommand.columns)
                for reason in try await database.reasons.reasons() {
                    try writer.write([reason.code, reason.location ?? "", reason.labelRu, reason.labelEn])
                }
                print(writer.text, terminator: "")
            }
        }
    }
}
