import ArgumentParser
import Foundation
import OtklikCore
import OtklikInterchange
import OtklikStore

/// `otklik import customers FILE.csv`: identities resolved and the merge rules applied, all or nothing.
struct ImportCustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Import customers from CSV (id,phone,email,external_id,card,device,lang,time_zone,acquisition_source,acquired_at), all or nothing.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "CSV file (- for standard input).") var file: String

    func run() async throws {
        let text = try readInput(file)
        try await withDatabase(common, creating: true) { database in
            do {
                let rows = try CustomerCSV.parse(text)
                // The import is one transaction: with SQLite's default 2 MiB page cache a million rows spill their pages
                // to the WAL and read them back (a quarter of the time, docs/benchmarks.md "Identity resolution").
                if let sqlite = database.sql as? SQLiteDatabase { try await sqlite.growWriterCache(mebibytes: 512) }
                let summary = try await SQLCustomerImport(database: database.sql).importRows(rows)
                try await SQLAuditLog(database: database.sql).record("import", by: "cli", customer: nil, detail: .customersImported(rows: summary.rows, created: summary.created))
                print("customers: \(summary.rows) rows, \(summary.created) created, \(summary.merges.count) merged, \(summary.reviewed) sent to review, \(summary.superNodes) shared phones linking no one (super-nodes)")
            } catch let error as OtklikError {
                note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
                throw ExitCode(2)
            }
        }
    }
}

/// `otklik import consents FILE.csv`.
struct ImportConsentsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consents",
        abstract: "Import consents from CSV (customer,purpose,channel,source,given_at,expires_at,withdrawn_at), all or nothing.")
    @OptionGroup var common: CommonOptions
    @Argument(help: "CSV file (- for standard input).") var file: String

    func run() async throws {
        let text = try readInput(file)
        try await withDatabase(common) { database in
            do {
                let consents = try ConsentCSV.parse(text)
                try await database.consents.record(consents)
                try await SQLAuditLog(database: database.sql).record("import", by: "cli", customer: nil, detail: .consentsImported(count: consents.count))
                print("consents: \(consents.count) recorded")
            } catch let error as OtklikError {
                note("error: \(file): \(error.field.map { "\($0): " } ?? "")\(error.message); nothing was imported")
                throw ExitCode(2)
            }
        }
    }
}

/// `otklik export customers`: every customer not merged into another nor erased, in the import format.
struct ExportCustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "customers", abstract: "Export customers as CSV in the import format.")
    @OptionGroup var common: CommonOptions

    func run() async throws {
        try await withDatabase(common) { database in
            print(CustomerCSV.columns.joined(separator: ","))
            try await SQLCustomerLookup(database: database.sql).forEachChunk { rows in
                for row in rows {
                    let cells = CustomerCSV.cells(
                        identities: row.identities, lang: row.lang, timeZone: row.timeZone, source: row.acquisitionSource, acquiredAt: row.acquiredAt)
                    print(cells.map(Self.quoted).joined(separator: ","))
                }
            }
        }
    }

    static func quoted(_ cell: String) -> String {
        guard cell.contains(where: { ",\"\n\r".contains($0) }) || cell.hasPrefix(" ") else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
