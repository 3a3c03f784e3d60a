import Foundation
import Logging
import OtklikApplication
import OtklikStore
import ServiceLifecycle

/// Delivers the invitations waiting in the survey outbox through an `InvitationSender`, beside the HTTP server.
/// A failed delivery is retried after `retrySeconds` (doubling); after `maxAttempts` the invitation is `no_contact`.
struct InvitationDispatcher: Service {
    let repository: any SurveyRepository
    let sender: any InvitationSender
    let baseURL: String
    let retrySeconds: Double
    let pollInterval: Duration
    let logger: Logger
    /// Taken before each round when several servers may share the database.
    var lease: ServiceLease? = nil
    static let maxAttempts = 5

    func run() async throws {
        await BackgroundRounds.run(every: pollInterval, lease: lease, logger: logger, failure: "survey invitation dispatch failed") {
            _ = try await deliverDue(now: Date())
        }
    }

    /// One round; returns how many were delivered.
    func deliverDue(now: Date) async throws -> Int {
        var delivered = 0
        for message in try await repository.pendingMessages(limit: 50, now: now) {
            do {
                try await sender.send(message, link: SurveyLinks.link(base: baseURL, token: message.token))
                try await repository.markDelivered(message: message.id, now: Date())
                delivered += 1
            } catch {
                let wait = min(3600, retrySeconds * pow(2, Double(message.attempts)))
                try await repository.markFailed(
                    message: message.id, error: "\(error)", now: Date(), retryAfter: wait, maxAttempts: Self.maxAttempts)
                logger.warning("survey invitation delivery failed", metadata: ["invitation": "\(message.invitation)", "error": "\(error)"])
            }
        }
        return delivered
    }
}

/// Respondents' links: `BASE/s/TOKEN`.
enum SurveyLinks {
    static func link(base: String, token: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/s/" + token
    }
}
