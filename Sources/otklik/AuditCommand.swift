import ArgumentParser
import Foundation
import OtklikCore
import OtklikStore

/// `otklik audit list`: who viewed or changed personal data, newest first.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "The audit log of personal data: who viewed, exported, erased, merged or imported customers.",
        subcommands: [List.self])

    struct Listing: Encodable {
        var total: Int
        var items: [AuditEntry]
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List audit entries, newest first (tab-separated: time, actor, action, customer, detail).")
        @OptionGroup var common: CommonOptions
        @Option(help: "Only this actor (user:NAME, api:KEY NAME, cli, system).") var actor: String?
        @Option(help: "Only this action: \(AuditEntry.actions.joined(separator: ", ")).") var action: String?
        @Option(help: "Only entries about this customer.") var customer: String?
        @Option(help: "From this time (ISO 8601).") var since: String?
        @Option(help: "Before this time (ISO 8601).") var until: String?
        @Option(help: "Skip this many.") var offset: Int = 0
        @Option(help: "At most this many, 1-10000.") var limit: Int = 100
        @Option(help: "json or text.") var format: CustomersCommand.Format = .text

        func run() async throws {
            if let action, !AuditEntry.actions.contains(action) {
                throw CommandFailure("--action is one of " + AuditEntry.actions.joined(separator: ", "))
            }
            guard (1...10_000).contains(limit), offset >= 0 else { throw CommandFailure("--limit is 1 to 10000, --offset 0 or more") }
            func time(_ text: String?, _ name: String) throws -> Date? {
                guard let text else { return nil }
                guard let date = Timestamp.parse(text) else { throw CommandFailure("--\(name) must be an ISO-8601 time") }
                return date
            }
            let filter = AuditFilter(
                actor: actor, action: action, subjectId: customer, since: try time(since, "since"), until: try time(until, "until"),
                offset: offset, limit: limit)
            try await withDatabase(common) { database in
                let (entries, total) = try await SQLAuditLog(database: database.sql).list(filter)
                if format == .json {
                    print(try CustomersCommand.json(Listing(total: total, items: entries)))
                    return
                }
                for entry in entries {
                    print([Timestamp.format(entry.at), entry.actor, entry.action, entry.subjectId ?? "-", entry.detail ?? ""].joined(separator: "\t"))
                }
                note("\(entries.count) of \(total)")
            }
        }
    }
}

