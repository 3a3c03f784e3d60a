import Foundation
import Logging
import Metrics
import OtklikApplication
import OtklikStore
import ServiceLifecycle

/// Sends the e-mail outbox through a ``MailSender`` and retries temporary failures with exponential back-off (base,
/// 2×base … up to an hour; at most `maxAttempts`); a permanent one (an SMTP 5xx reply) is not retried. Runs beside the HTTP server in every server: each e-mail is claimed one by
/// one (``NotificationRepository/claimDueMail(now:limit:holder:seconds:)``), so with several servers each one is sent by
/// one of them. Every message's state is in the store, so a restart resumes where it stopped.
struct MailDispatcher: Service {
    let repository: any NotificationRepository
    let sender: any MailSender
    let composer: MailComposer
    let backoffSeconds: Double
    let pollInterval: Duration
    let logger: Logger
    static let maxAttempts = 10
    /// Back-off doubling from `backoffSeconds` up to an hour, at most ``maxAttempts`` attempts.
    var policy: DeliveryPolicy { DeliveryPolicy(maxAttempts: Self.maxAttempts, baseSeconds: backoffSeconds, capSeconds: 3600) }
    /// This server process: the holder of its claims.
    let holder: String
    /// How long a claim lasts: longer than sending one e-mail can take.
    static let claimSeconds: Double = 60
    private let sent = Counter(label: "otklik_mail_total", dimensions: [("result", "sent")])
    private let failed = Counter(label: "otklik_mail_total", dimensions: [("result", "failed_attempt")])

    init(
        repository: any NotificationRepository, sender: any MailSender, composer: MailComposer, backoffSeconds: Double,
        pollInterval: Duration = .seconds(2), holder: String = "srv-" + UUID().uuidString, logger: Logger
    ) {
        self.holder = holder
        self.repository = repository
        self.sender = sender
        self.composer = composer
        self.backoffSeconds = backoffSeconds
        self.pollInterval = pollInterval
        self.logger = logger
    }

    func run() async throws {
        await BackgroundRounds.run(every: pollInterval, lease: nil, logger: logger, failure: "mail dispatch failed") {
            _ = try await sendDue(now: Date())
        }
    }

    /// One round: claims what is due one e-mail at a time (at most 50), sends it and records the outcome; returns how
    /// many were sent.
    func sendDue(now: Date) async throws -> Int {
        var count = 0
        var attempted: Set<String> = []
        for _ in 0..<50 {
            guard let mail = try await repository.claimDueMail(now: now, limit: 1, holder: holder, seconds: Self.claimSeconds).first else { break }
            // A failed attempt whose retry is already due at `now` waits for the next round.
            guard attempted.insert(mail.notification.id).inserted else {
                try await repository.releaseMail(id: mail.notification.id, holder: holder)
                break
            }
            // A permanent failure (an SMTP 5xx reply) or the last attempt is final: no retry time.
            let delivered = try await policy.attempt(
                mail.attempts + 1, logger: logger, "e-mail failed", metadata: { ["id": "\(mail.notification.id)"] },
                send: {
                    try await sender.send(composer.message(for: mail.notification, to: mail.to))
                    return nil
                },
                markSent: { try await repository.recordMail(id: mail.notification.id, sent: true, error: nil, at: Date(), retryAt: nil) },
                markFailed: { failure, wait, maxAttempts in
                    let retry = mail.attempts + 1 >= maxAttempts ? nil : now.addingTimeInterval(wait)
                    try await repository.recordMail(id: mail.notification.id, sent: false, error: failure.description, at: Date(), retryAt: retry)
                })
            if delivered {
                count += 1
                sent.increment()
            } else {
                failed.increment()
            }
        }
        return count
    }
}
