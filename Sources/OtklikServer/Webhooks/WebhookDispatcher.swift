import Foundation
import Logging
import Metrics
import OtklikApplication
import OtklikStore
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends the outbox's pending deliveries, signed, and retries failures with exponential back-off
/// (base, 2×base, 4×base … up to an hour; at most `maxAttempts`). Runs beside the HTTP server in every server: each
/// delivery is claimed one by one (``WebhookRepository/claimDue(now:limit:holder:seconds:)``), so with several servers
/// each one is sent by one of them. As every delivery's state is in the store, a restart resumes where it stopped; a
/// delivery sent by a server killed before it recorded the outcome is sent again, with the same `webhook-id`, once the
/// claim has expired.
struct WebhookDispatcher: Service {
    let repository: any WebhookRepository
    let backoffSeconds: Double
    let pollInterval: Duration
    let logger: Logger
    /// Where deliveries may go (checked again at each delivery: a host name may resolve elsewhere by then).
    let policy: WebhookTargetPolicy
    static let maxAttempts = 10
    static let timeout: TimeInterval = 10
    private let delivered = Counter(label: "otklik_webhook_deliveries_total", dimensions: [("result", "delivered")])
    private let failed = Counter(label: "otklik_webhook_deliveries_total", dimensions: [("result", "failed_attempt")])

    /// This server process: the holder of its claims.
    let holder: String
    /// How long a claim lasts: longer than a send can take.
    static let claimSeconds = 3 * timeout
    /// Test only: a pause between a send and its record (`OTKLIK_TEST_CONSUMER_PAUSE_MS`).
    let pauseAfterSend: Duration?

    init(
        repository: any WebhookRepository, backoffSeconds: Double, pollInterval: Duration = .seconds(1), holder: String = "srv-" + UUID().uuidString,
        pauseAfterSend: Duration? = nil, policy: WebhookTargetPolicy, logger: Logger
    ) {
        self.holder = holder
        self.pauseAfterSend = pauseAfterSend
        self.policy = policy
        self.repository = repository
        self.backoffSeconds = backoffSeconds
        self.pollInterval = pollInterval
        self.logger = logger
    }

    func run() async throws {
        await BackgroundRounds.run(every: pollInterval, lease: nil, logger: logger, failure: "webhook dispatch failed") {
            _ = try await deliverDue(now: Date())
        }
    }

    /// One round: claims what is due one delivery at a time (at most 50), sends it and records the outcome; returns how
    /// many were sent successfully.
    func deliverDue(now: Date) async throws -> Int {
        var successes = 0
        var attempted: Set<[String]> = []
        for _ in 0..<50 {
            guard let delivery = try await repository.claimDue(now: now, limit: 1, holder: holder, seconds: Self.claimSeconds).first else { break }
            // A failed attempt whose retry is already due at `now` waits for the next round.
            guard attempted.insert([delivery.messageId, delivery.webhookId]).inserted else {
                try await repository.release(delivery, holder: holder)
                break
            }
            let (status, error) = await send(delivery)
            if let pauseAfterSend { try await Task.sleep(for: pauseAfterSend) }
            let ok = status.map { (200..<300).contains($0) } ?? false
            if ok {
                successes += 1
                delivered.increment()
                try await repository.record(delivery, delivered: true, status: status, error: nil, at: Date(), retryAt: nil)
            } else {
                failed.increment()
                let attempt = delivery.attempts + 1
                let wait = min(3600, backoffSeconds * pow(2, Double(attempt - 1)))
                let retry: Date? = attempt >= Self.maxAttempts ? nil : Date().addingTimeInterval(wait)
                logger.warning(
                    "webhook delivery failed",
                    metadata: ["message": "\(delivery.messageId)", "webhook": "\(delivery.webhookId)", "status": "\(status.map(String.init) ?? "none")",
                               "attempt": "\(attempt)", "error": "\(error ?? "")"])
                try await repository.record(delivery, delivered: false, status: status, error: error ?? status.map { "HTTP \($0)" }, at: Date(), retryAt: retry)
            }
        }
        return successes
    }

    /// POSTs the payload with the Standard Webhooks headers; the status, or nil and the error.
    func send(_ delivery: PendingDelivery) async -> (Int?, String?) {
        guard let url = URL(string: delivery.url) else { return (nil, "bad url") }
        if let refusal = await policy.refusal(url: delivery.url) { return (nil, refusal) }
        let timestamp = Int(Date().timeIntervalSince1970)
        var request = URLRequest(url: url, timeoutInterval: Self.timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(delivery.messageId, forHTTPHeaderField: "webhook-id")
        request.setValue(String(timestamp), forHTTPHeaderField: "webhook-timestamp")
        request.setValue(
            WebhookSignature.sign(secret: delivery.secret, id: delivery.messageId, timestamp: timestamp, body: delivery.payload),
            forHTTPHeaderField: "webhook-signature")
        request.setValue("Otklik", forHTTPHeaderField: "User-Agent")
        request.httpBody = Data(delivery.payload.utf8)
        return await withCheckedContinuation { continuation in
            Self.session.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(returning: (nil, error.localizedDescription))
                } else {
                    continuation.resume(returning: ((response as? HTTPURLResponse)?.statusCode, nil))
                }
            }.resume()
        }
    }
}

extension WebhookDispatcher {
    /// A session that never follows a redirect: a receiver could otherwise send a delivery on to an address
    /// the policy refuses. A 3xx answer counts as a failed attempt.
    nonisolated(unsafe) static let session = URLSession(configuration: .ephemeral, delegate: RefuseRedirects(), delegateQueue: nil)

    final class RefuseRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
            completionHandler: @escaping @Sendable (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }
    }
}
