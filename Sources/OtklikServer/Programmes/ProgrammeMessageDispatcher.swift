import Foundation
import Logging
import OtklikApplication
import OtklikCore
import OtklikStore
import ServiceLifecycle

/// Delivers programmes' messages (action `message`) from `programme_messages` beside the HTTP server: e-mail over the
/// configured SMTP server, SMS and messenger messages through their configured gateways, each attempt recorded in
/// `message_deliveries` (kind `programme_message`, the action as its subject). A failure is the ``DeliveryPolicy``'s to
/// judge: a temporary one is retried with back-off, a permanent one or the last attempt leaves the message `failed`.
/// With neither SMTP nor a gateway configured, the log-only route writes the programme and the customer's id (never the
/// address) to the log.
struct ProgrammeMessageDispatcher: ServiceLifecycle.Service {
    let programmes: SQLProgrammeRepository
    let deliveries: any MessageDeliveryRepository
    let mail: (any MailSender)?
    let sms: (any TextMessageSender)?
    var messenger: (any TextMessageSender)? = nil
    let from: String
    /// The server's public address, put in for ``ProgrammeMessageTemplate/baseURL`` (status links).
    let baseURL: String
    let policy: DeliveryPolicy
    let pollInterval: Duration
    let logger: Logger
    var lease: ServiceLease? = nil

    func run() async throws {
        await BackgroundRounds.run(every: pollInterval, lease: lease, logger: logger, failure: "programme message dispatch failed") {
            _ = try await deliverDue(now: Date())
        }
    }

    /// The provider a message goes through: `smtp`, `gateway`, or `log` when neither is configured.
    func provider(_ message: ProgrammeMessage) -> String {
        if mail == nil, sms == nil, messenger == nil { return "log" }
        return message.channel == "email" ? "smtp" : "gateway"
    }

    /// One round; returns how many were delivered.
    func deliverDue(now: Date) async throws -> Int {
        var delivered = 0
        for message in try await programmes.pendingMessages(limit: 50, now: now) {
            let provider = self.provider(message)
            let sent = try await policy.attempt(
                message.attempts + 1, logger: logger, "programme message delivery failed",
                metadata: { ["programme": "\(message.programme)", "message": "\(message.id)"] },
                send: { try await deliver(message, provider: provider) },
                markSent: { try await programmes.markMessageSent(id: message.id, now: Date()) },
                markFailed: { failure, wait, maxAttempts in
                    try await programmes.markMessageFailed(id: message.id, error: failure.description, now: Date(), retryAfter: wait, maxAttempts: maxAttempts)
                },
                record: { try await deliveries.record(record(message, provider, $0), now: Date()) })
            if sent { delivered += 1 }
        }
        return delivered
    }

    func deliver(_ message: ProgrammeMessage, provider: String) async throws -> String? {
        if provider == "log" {
            logger.notice(
                "programme message (log-only: no SMTP server or gateway configured)",
                metadata: ["programme": "\(message.programme)", "customer": "\(message.customer)", "channel": "\(message.channel)"])
            return nil
        }
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        let body = message.body.replacingOccurrences(of: ProgrammeMessageTemplate.baseURL, with: base)
        guard let recipient = message.recipient?.trimmingCharacters(in: .whitespaces), !recipient.isEmpty else {
            throw DeliveryFailure.permanent("the message has no address to send to")
        }
        if message.channel == "email" {
            guard let mail else { throw DeliveryFailure.permanent("no SMTP server is configured (OTKLIK_SMTP_URL) for e-mail messages") }
            try await mail.send(MailMessage(id: message.id, from: from, to: recipient, subject: message.subject, body: body))
            return "<\(SMTPMailSender.address(message.id))@otklik>"
        }
        if message.channel == "messenger" {
            guard let messenger else {
                throw DeliveryFailure.permanent("no messenger gateway is configured (OTKLIK_MESSENGER_GATEWAY_URL) for messenger messages")
            }
            return try await messenger.send(to: recipient, text: body, id: message.id)
        }
        guard let sms else { throw DeliveryFailure.permanent("no SMS gateway is configured (OTKLIK_SMS_GATEWAY_URL) for SMS messages") }
        return try await sms.send(to: recipient, text: body, id: message.id)
    }

    func record(_ message: ProgrammeMessage, _ provider: String, _ outcome: DeliveryAttempt.Outcome) -> DeliveryAttempt {
        DeliveryAttempt(
            id: message.id, kind: "programme_message", subject: message.action, channel: provider == "log" ? "log" : message.channel,
            recipient: message.recipient, template: "programme:\(message.programme)", language: message.language, provider: provider, outcome: outcome)
    }
}
