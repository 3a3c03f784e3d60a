import Foundation

/// What a failed delivery attempt means: retry after a back-off that doubles from `baseSeconds` (at most
/// `capSeconds`), until `maxAttempts` attempts were made; a permanent failure is final at once. A message that is
/// never delivered leaves its survey invitation `no_contact` (AAPOR's non-contact, not a non-response).
public struct DeliveryPolicy: Sendable, Equatable {
    public var maxAttempts: Int
    public var baseSeconds: Double
    public var capSeconds: Double

    public init(maxAttempts: Int = 5, baseSeconds: Double = 30, capSeconds: Double = 3600) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseSeconds = baseSeconds
        self.capSeconds = capSeconds
    }

    public enum Decision: Sendable, Equatable {
        /// Try again after this many seconds.
        case retry(after: Double)
        /// Give up: the message is `failed`.
        case giveUp
    }

    /// The decision after attempt number `attempt` (1 for the first) failed with `failure`.
    public func decision(after failure: DeliveryFailure, attempt: Int) -> Decision {
        if failure.isPermanent || attempt >= maxAttempts { return .giveUp }
        return .retry(after: min(capSeconds, baseSeconds * pow(2, Double(max(0, attempt - 1)))))
    }
}
