import Foundation
import Metrics
import OtklikStore

/// A feed consumer's progress as `/health` shows it.
public struct FeedConsumerStatus: Sendable, Encodable {
    public var name: String
    public var position: Int64
    public var head: Int64
    public var lagEvents: Int64
    public var lagSeconds: Double
    public var failing: Bool
    public var lastError: String?

    enum CodingKeys: String, CodingKey {
        case name, position, failing
        case lagEvents = "lag_events", lagSeconds = "lag_seconds", lastError = "last_error"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(position, forKey: .position)
        try container.encode(lagEvents, forKey: .lagEvents)
        try container.encode(lagSeconds, forKey: .lagSeconds)
        try container.encode(failing, forKey: .failing)
        try container.encode(lastError, forKey: .lastError)
    }
}

extension FeedConsumerStatus {
    /// The status of consumer `name` standing at `position`: the feed's head, the events between, and the age of the
    /// oldest one not yet applied (also recorded in the consumer's lag gauge for `/metrics`).
    static func measure(
        _ name: String, at position: Int64, in feed: ChangeFeed, lastError: String?, recording gauge: Gauge
    ) async throws -> FeedConsumerStatus {
        let head = try await feed.head()
        let seconds = try await feed.events(after: position, limit: 1).first.map { max(0, Date().timeIntervalSince($0.createdAt)) } ?? 0
        gauge.record(seconds)
        return FeedConsumerStatus(
            name: name, position: position, head: head, lagEvents: max(0, head - position), lagSeconds: seconds,
            failing: lastError != nil, lastError: lastError)
    }
}
