import Foundation

/// A token bucket per client (an address): `capacity` takes at once, refilled continuously at `perMinute` a minute up to
/// `capacity`. Two kinds keep the buckets: `SubmissionLimiter` in one server's memory (SQLite, one server) and
/// `SQLRateLimiter` in the database (PostgreSQL), where every server behind a load balancer takes from the same bucket.
public protocol RateLimiter: Sendable {
    /// The limit's name (`login`, `public-form`, …): each limit has its own buckets.
    var name: String { get }
    /// Takes one token for `client`; false (nothing taken) when its bucket holds less than one.
    func allow(_ client: String, now: Date) async throws -> Bool
    /// Whether `client`'s bucket holds less than one token now (nothing taken).
    func isExhausted(_ client: String, now: Date) async throws -> Bool
}

extension RateLimiter {
    public func allow(_ client: String) async throws -> Bool { try await allow(client, now: Date()) }
    public func isExhausted(_ client: String) async throws -> Bool { try await isExhausted(client, now: Date()) }
}

/// A bucket's size and refill, shared by both kinds of ``RateLimiter`` so they count alike.
public struct RateLimit: Sendable, Equatable {
    public var capacity: Double
    public var perMinute: Double

    public init(capacity: Int, perMinute: Double) {
        self.capacity = Double(capacity)
        self.perMinute = perMinute
    }

    /// The tokens a bucket holding `tokens` at `updated` holds at `now` (never more than `capacity`; a clock that went
    /// back refills nothing).
    public func refilled(_ tokens: Double, updated: Date, now: Date) -> Double {
        min(capacity, tokens + max(0, now.timeIntervalSince(updated)) * perMinute / 60)
    }

    /// How long an untouched bucket takes to be full again from empty: after that its row is as good as none.
    public var fullAfter: TimeInterval { perMinute > 0 ? capacity / perMinute * 60 : .infinity }
}
