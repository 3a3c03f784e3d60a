import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer
import OtklikStore

struct ApiKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a key and print it once; only its hash is stored.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "A name that says who uses the key.") var name: String
        @Option(help: "read (every GET but the audit log), write (also every write but users, keys and audit) or admin (everything; the default, as every key before roles).")
        var scope: String = "admin"
        @Option(help: "Region codes, comma-separated: the key reads and writes only these regions' locations.") var regions: String?
        @Option(help: "Location codes, comma-separated: the key reads and writes only these locations.") var locations: String?

        func run() async throws {
            guard let keyScope = ApiKeyScope(rawValue: scope) else { throw CommandFailure("--scope: unknown scope '\(scope)'; one of read, write, admin") }
            let area: OrganisationScope
            do throws(OtklikError) {
                area = try OrganisationScope.from(regions: commaList(regions), locations: commaList(locations))
            } catch {
                throw CommandFailure("--\(error.field ?? "regions"): \(error.message)")
            }
            try await withDatabase(common) { database in
                let (key, secret): (ApiKey, String)
                do {
                    (key, secret) = try await database.access.createApiKey(name: name, scope: keyScope, area: area)
                } catch let error as OtklikError where error.field == "regions" || error.field == "locations" {
                    throw CommandFailure("--\(error.field ?? ""): \(error.message); nothing was written")
                }
                note("Created API key \(key.id) '\(key.name)' (\(key.scope.rawValue), \(key.area.description)). Keep it now: it is not shown again.")
                print(secret)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List keys (ids and names, never secrets).")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for key in try await database.access.apiKeys() {
                    print("\(key.id)\t\(key.name)\t\(key.scope.rawValue)\t\(key.area.description)\t\(Timestamp.format(key.createdAt))\t\(key.revokedAt.map { "revoked \(Timestamp.format($0))" } ?? "live")")
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a key by its id.",
            discussion: "A running server trusts a key it verified for up to a second more: requests with it are refused within a second.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The key's id (the part after otk_).") var id: String

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.access.revokeApiKey(id: id)
                note("Revoked API key \(id); running servers refuse it within a second.")
            }
        }
    }
}

/// Opens the database, runs `body`, closes it; an OtklikError becomes a one-line failure.
/// - Parameter creating: whether the command may create a missing database (imports); others exit 2.
func withDatabase(_ common: CommonOptions, creating: Bool = false, _ body: (AppDatabase) async throws -> Void) async throws {
    let configuration = try common.configuration()
    if !creating { try common.requireDatabase(configuration) }
    let database = try await AppDatabase.open(configuration.databaseURL, logger: common.logger(configuration))
    do {
        try await body(database)
        try await database.close()
    } catch let error as OtklikError {
        try? await database.close()
        throw CommandFailure(error.message)
    } catch {
        try? await database.close()
        throw error
    }
}
