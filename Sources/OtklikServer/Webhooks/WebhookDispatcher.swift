import Foundation
import Logging
import Metrics
import OtklikStore
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends the outbox's pending deliveries, signed, and retries failures with exponential back-off
/// (base, 2×base, 4×base … up to an hour; at most `maxAttempts`). Runs beside the HTTP server; as every
/// delivery's state is in the store, a restart resumes where it stopped.
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

    /// Taken before each round when several servers may share the database.
    let lease: ServiceLease?

    init(
        repository: any WebhookRepository, backoffSeconds: Double, pollInterval: Duration = .seconds(1), lease: ServiceLease? = nil,
        policy: WebhookTargetPolicy, logger: Logger
    ) {
        self.lease = lease
        self.policy = policy
        self.repository = repository
        self.backoffSeconds = backoffSeconds
        self.pollInterval = pollInterval
        self.logger = logger
    }

    func run() async throws {
        await BackgroundRounds.run(every: pollInterval, lease: lease, logger: logger, failure: "webhook dispatch failed") {
            _ = try await deliverDue(now: Date())
        }
    }

    /// One round: sends what is due, records each outcome; returns how many were sent successfully.
    func deliverDue(now: Date) async throws -> Int {
        var successes = 0
        for delivery in try await repository.due(now: now, limit: 50) {
            let (status, error) = await send(delivery)
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
