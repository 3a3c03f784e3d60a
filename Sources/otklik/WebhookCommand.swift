import ArgumentParser
import Foundation
import OtklikCore
import OtklikServer
import OtklikStore

struct WebhookCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhook",
        abstract: "Send Otklik's events to other systems, signed the Standard Webhooks way.",
        discussion: "Events: \(Outbox.eventTypes.joined(separator: ", ")) (or * for all). See README, \"Webhooks\".",
        subcommands: [Add.self, List.self, Remove.self, Log.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Subscribe a URL; prints its id and signing secret (shown once).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "http(s) URL that receives POSTs.") var url: String
        @Option(help: "Comma-separated event types (default: all).") var events: String?

        func run() async throws {
            do {
                try common.configuration().webhookPolicy.check(url: url)
            } catch let error as OtklikError {
                throw CommandFailure(error.message)
            }
            try await withDatabase(common) { database in
                let types = (events ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                let (webhook, secret) = try await database.webhooks.create(url: url, eventTypes: types)
                print("\(webhook.id)\t\(secret)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List webhooks.")
        @OptionGroup var common: CommonOptions

        func run() async throws {
            try await withDatabase(common) { database in
                for webhook in try await database.webhooks.webhooks() {
                    print([webhook.id, webhook.url, webhook.eventTypes.joined(separator: ","), webhook.disabledAt == nil ? "live" : "disabled"].joined(separator: "\t"))
                }
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a webhook (its pending deliveries are dropped).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Webhook id.") var id: String

        func run() async throws {
            try await withDatabase(common) { database in
                try await database.webhooks.disable(id: id)
                print("disabled \(id)")
            }
        }
    }

    struct Log: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The latest deliveries: message, type, status, attempts, last answer.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Webhook id (default: all).") var id: String?

        func run() async throws {
            try await withDatabase(common) { database in
                for item in try await database.webhooks.deliveries(webhookId: id, limit: 100) {
                    print([item.messageId, item.webhookId, item.type, item.status, String(item.attempts), item.lastStatus.map(String.init) ?? "",
                           item.lastError ?? ""].joined(separator: "\t"))
                }
            }
        }
    }
}
