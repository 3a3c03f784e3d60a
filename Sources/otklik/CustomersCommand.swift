import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer
import OtklikStore

/// `otklik customers show|search|merge|unmerge|review|erase`: customers, their identities and the merge journal.
struct CustomersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customers",
        abstract: "Customers: show one with its identities, consents and timeline; search by an identity; merge, unmerge, review, erase, export-data, preferences.",
        subcommands: [Show.self, Search.self, Merge.self, Unmerge.self, Review.self, Erase.self, ExportData.self, CustomerPreferencesCommand.self])

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    enum Format: String, ExpressibleByArgument { case json, text }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "One customer: identities, consents, contact preferences, merges and the timeline (each item with the identity that linked it).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Customer id.") var id: String
        @Option(help: "json or text.") var format: Format = .text
        @Option(help: "Timeline items to show (newest first), 1-200.") var limit: Int = 50

        func run() async throws {
            try await withDatabase(common) { database in
                guard (1...200).contains(limit) else { throw OtklikError.invalid("limit", "--limit is 1 to 200") }
                guard var detail = try await CustomerDetailJSON.load(id, database: database, limit: limit) else {
                    throw OtklikError(.notFound, "no such customer: \(id)")
                }
                try await SQLAuditLog(database: database.sql).record("view", by: "cli", customer: id)
                let value = try await CustomerValueModel(database: database).value(of: id)
                if format == .json {
                    detail.value = value
                    print(try CustomersCommand.json(detail))
                    return
                }
                guard let customer = try await database.customers.customer(id: id) else { return }
                print("customer \(customer.id)\(customer.erased ? " (erased)" : "")\(customer.displayName.map { " — \($0)" } ?? "")")
                for stored in customer.identities { print("  \(stored.identity.kind.rawValue)\t\(stored.identity.value)\t(\(stored.source))") }
                for consent in try await database.consents.consents(of: id) {
                    print("  consent \(consent.purpose.rawValue)/\(consent.channel) given \(Timestamp.format(consent.givenAt))"
                        + (consent.inForce(at: Date()) ? " in force" : " not in force"))
                }
                for merge in try await database.customerMerges.merges(of: id) {
                    print("  merge \(merge.id): \(merge.survivor) ← \(merge.absorbed) by \(merge.actor)\(merge.undoneAt == nil ? "" : " (undone)")")
                }
                if value.status == "ok" {
                    print(String(format: "  value (BG/NBD + Gamma-Gamma, n = %d, as of %@): P(alive) %.3f, expected purchases 12 months %.2f, expected spend %.2f, CLV %.2f",
                                 value.n, value.asOf, value.pAlive ?? 0, value.expectedPurchases ?? 0, value.expectedSpend ?? 0, value.clv ?? 0))
                } else {
                    print("  value: not enough data (\(value.reason ?? ""))")
                }
                let page = try await database.customers.timeline(of: id, offset: 0, limit: limit)
                print("timeline: \(page.total) items")
                for item in page.items {
                    let link = item.linkedBy.map { "\($0.kind.rawValue):\($0.value)" } ?? "-"
                    print("  \(Timestamp.format(item.at))\t\(item.kind.rawValue)\t\(item.id)\t\(item.status ?? "")\tlinked by \(link)")
                }
            }
        }
    }

    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Find the customer of a phone, an e-mail address or an external id (normalised as on writes).")
        @OptionGroup var common: CommonOptions
        @Option var phone: String?
        @Option var email: String?
        @Option(name: .customLong("external-id")) var externalID: String?

        func run() async throws {
            let given: [(String, IdentityKind)] = [(phone, IdentityKind.phone), (email, .email), (externalID, .external)].compactMap { text, kind in
                text.map { ($0, kind) }
            }
            guard given.count == 1, let (text, kind) = given.first else { throw CommandFailure("give one of --phone, --email, --external-id") }
            guard let identity = IdentityNormalizer.normalize(text, as: kind).identity else {
                throw CommandFailure("not a \(kind.rawValue) (or a placeholder that names nobody): \(text)")
            }
            try await withDatabase(common) { database in
                guard let owner = try await SQLCustomerLookup(database: database.sql).owner(of: identity) else {
                    note("no customer has \(identity.kind.rawValue) \(identity.value)")
                    throw ExitCode(1)
                }
                print(owner)
            }
        }
    }

    struct Merge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge customer B into customer A (A survives), journaled; prints the merge id for unmerge.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The survivor.") var survivor: String
        @Argument(help: "The customer absorbed.") var absorbed: String
        @Option(help: "Why (kept as evidence).") var reason: String?
        @Option(help: "Who merges (journaled).") var actor: String = "cli"

        func run() async throws {
            try await withDatabase(common) { database in
                var evidence = ["rule": "manual"]
                evidence["reason"] = reason
                let merge = try await database.customerMerges.merge(survivor: survivor, absorbed: absorbed, evidence: evidence, actor: actor)
                print(merge.id)
                try await SQLAuditLog(database: database.sql).record("merge", by: actor, customer: survivor, detail: .merged(merge: merge.id, absorbed: absorbed, review: nil))
                note("merged \(absorbed) into \(survivor): \(merge.movedIdentities.count) identities, "
                    + "\(merge.movedRecords.values.reduce(0) { $0 + $1.count }) records moved")
            }
        }
    }

    struct Unmerge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Undo a merge: its identities and records go back (refused after an erasure).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The merge id.") var mergeID: String
        @Option(help: "Who undoes it (journaled).") var actor: String = "cli"

        func run() async throws {
            try await withDatabase(common) { database in
                let merge = try await database.customerMerges.unmerge(id: mergeID, actor: actor)
                print("unmerged \(merge.absorbed) from \(merge.survivor)")
                try await SQLAuditLog(database: database.sql).record("unmerge", by: actor, customer: merge.survivor, detail: .unmerged(merge: merge.id, restored: merge.absorbed))
            }
        }
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the open review queue: probable matches the rules did not merge.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for item in try await database.customerReview.open(limit: 1000) {
                    print([item.id, item.left, item.right, item.reason.code, "\(item.shared.kind.rawValue):\(item.shared.value)"].joined(separator: "\t"))
                }
            }
        }
    }

    struct Erase: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Erase a customer (and those merged into it): identities, consents, preferences and contacts removed; merges can no longer be undone.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Customer id.") var id: String
        @Option(help: "Who erases (audited).") var actor: String = "cli"

        func run() async throws {
            try await withDatabase(common) { database in
                let erased = try await database.customerErasure.erase(id)
                try await SQLAuditLog(database: database.sql).record("erase", by: actor, customer: id, detail: .erased(customers: erased))
                print("erased: " + erased.joined(separator: ", "))
            }
        }
    }
}
