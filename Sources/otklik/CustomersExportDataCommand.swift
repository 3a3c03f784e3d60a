import ArgumentParser
import Foundation
import OtklikCore
import OtklikStore

extension CustomersCommand {
    /// `otklik customers export-data ID [--to FILE]`: everything held about a customer as JSON (a data subject's
    /// access request), audited.
    struct ExportData: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-data",
            abstract: "Everything held about a customer as JSON: identities, consents, preferences, feedback, cases, interactions, invitations, deliveries, transactions, merges.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Customer id.") var id: String
        @Option(help: "Write to this file instead of standard output.") var to: String?
        @Option(help: "Who asks (audited).") var actor: String = "cli"

        func run() async throws {
            try await withDatabase(common) { database in
                guard let export = try await PersonalDataExport.load(id, database: database.sql) else {
                    throw OtklikError(.notFound, "no such customer: \(id)")
                }
                try await SQLAuditLog(database: database.sql).record("export", by: actor, customer: id, detail: to.map { .exportFile(URL(fileURLWithPath: $0).lastPathComponent) })
                let text = try CustomersCommand.json(export)
                if let to {
                    try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: to), options: .atomic)
                    note("exported \(id): " + export.counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                } else {
                    print(text)
                }
            }
        }
    }
}
