import Foundation
import Logging
import OtklikApplication
import OtklikStore
import ServiceLifecycle

/// Delivers the invitations waiting in the survey outbox through an `InvitationSender`, beside the HTTP server, and
/// records every attempt in `message_deliveries`. What a failure means is the ``DeliveryPolicy``'s: a temporary one is
/// retried with back-off, a permanent one or the last attempt gives up — the message is `failed` and the invitation
/// `no_contact`.
struct InvitationDispatcher: Service {
    let repository: any SurveyRepository
    let deliveries: any MessageDeliveryRepository
    let sender: any InvitationSender
    let baseURL: String
    let policy: DeliveryPolicy
    let pollInterval: Duration
    let logger: Logger
    /// Taken before each round when several servers may share the database.
    var lease: ServiceLease? = nil

    func run() async throws {
        await BackgroundRounds.run(every: pollInterval, lease: lease, logger: logger, failure: "survey invitation dispatch failed") {
            _ = try await deliverDue(now: Date())
        }
    }

    /// One round; returns how many were delivered.
    func deliverDue(now: Date) async throws -> Int {
        var delivered = 0
        for message in try await repository.pendingMessages(limit: 50, now: now) {
            var route = InvitationRoute.log(message)
            // A retry leaves the invitation waiting; the last attempt leaves it no_contact.
            let sent = try await policy.attempt(
                message.attempts + 1, logger: logger, "survey invitation delivery failed",
                metadata: { ["invitation": "\(message.invitation)", "channel": "\(route.channel)"] },
                send: {
                    route = try await sender.route(message)
                    return try await sender.deliver(message, link: SurveyLinks.link(base: baseURL, token: message.token))
                },
                markSent: { try await repository.markDelivered(message: message.id, now: Date()) },
                markFailed: { failure, wait, maxAttempts in
                    try await repository.markFailed(message: message.id, error: failure.description, now: Date(), retryAfter: wait, maxAttempts: maxAttempts)
                },
                record: { try await deliveries.record(record(message, route, $0), now: Date()) })
            if sent { delivered += 1 }
        }
        return delivered
    }

    func record(_ message: InvitationMessage, _ route: InvitationRoute, _ outcome: DeliveryAttempt.Outcome) -> DeliveryAttempt {
        DeliveryAttempt(
            id: message.id, kind: "survey_invitation", subject: message.invitation, channel: route.channel, recipient: message.recipient,
            template: route.template, language: route.language, provider: route.provider, outcome: outcome)
    }
}

/// Respondents' links: `BASE/s/TOKEN`.
enum SurveyLinks {
    static func link(base: String, token: String) -> String {
        (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/s/" + token
    }
}
