import Foundation
import Logging
import OtklikStore

extension DeliveryPolicy {
    /// Settles one failed delivery attempt — the step every outbox (survey invitations, programme messages, the e-mail
    /// outbox) takes when a send throws: the error as a ``DeliveryFailure``, the policy's ``decision(after:attempt:)``,
    /// the outbox row marked failed (`markFailed`), the attempt recorded (`record`: `retrying` or `failed`) and a
    /// warning logged with `metadata`, the attempt and the failure (never an address: see ``DeliveryFailure``).
    ///
    /// `markFailed` receives the failure, the seconds to wait before the next attempt and the number of attempts after
    /// which the row is final: the policy's `maxAttempts` on a retry, this `attempt` when the policy gives up (so
    /// `attempt >= maxAttempts` says the message is final, with a wait of 0).
    /// - Returns: the failure and the decision taken.
    @discardableResult
    public func settle(
        _ error: any Error, attempt: Int, logger: Logger, _ message: Logger.Message, metadata: Logger.Metadata = [:],
        markFailed: (_ failure: DeliveryFailure, _ retryAfter: Double, _ maxAttempts: Int) async throws -> Void,
        record: (_ outcome: DeliveryAttempt.Outcome) async throws -> Void = { _ in }
    ) async throws -> (failure: DeliveryFailure, decision: Decision) {
        let failure = DeliveryFailure.from(error)
        let decision = decision(after: failure, attempt: attempt)
        switch decision {
        case .retry(let wait):
            try await markFailed(failure, wait, maxAttempts)
            try await record(.retrying(error: failure.description))
        case .giveUp:
            // This attempt is the last: the outbox row is final.
            try await markFailed(failure, 0, attempt)
            try await record(.failed(error: failure.description))
        }
        logger.warning(message, metadata: metadata.merging(["attempt": "\(attempt)", "error": "\(failure)"]) { _, new in new })
        return (failure, decision)
    }

    /// One delivery attempt of an outbox row, the loop body every outbox shares: `send` (which returns the provider's
    /// message id, if it gave one), then `markSent` and the attempt recorded `sent`; or, when it throws, the failure
    /// ``settle(_:attempt:logger:_:metadata:markFailed:record:)``d. `metadata` is read after `send` (it may name what
    /// `send` chose, such as the channel). Returns whether the message went out.
    public func attempt(
        _ attempt: Int, logger: Logger, _ message: Logger.Message, metadata: () -> Logger.Metadata,
        send: () async throws -> String?,
        markSent: () async throws -> Void,
        markFailed: (_ failure: DeliveryFailure, _ retryAfter: Double, _ maxAttempts: Int) async throws -> Void,
        record: (_ outcome: DeliveryAttempt.Outcome) async throws -> Void = { _ in }
    ) async throws -> Bool {
        let providerId: String?
        do {
            providerId = try await send()
        } catch {
            try await settle(error, attempt: attempt, logger: logger, message, metadata: metadata(), markFailed: markFailed, record: record)
            return false
        }
        try await markSent()
        try await record(.sent(providerId: providerId))
        return true
    }
}
