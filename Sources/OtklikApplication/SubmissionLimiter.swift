import Foundation
import OtklikCore

/// The in-memory ``RateLimiter``: a token bucket per client in this server's memory, for SQLite and a single server
/// (behind a load balancer use ``SQLRateLimiter``, which every server shares). Keeps at most `maxClients` buckets (the
/// fullest are forgotten first), so a flood of addresses cannot grow it.
public actor SubmissionLimiter: RateLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: Date
    }

    private var buckets: [String: Bucket] = [:]
    public nonisolated let name: String
    let limit: RateLimit
    let maxClients: Int

    public init(name: String = "public-form", capacity: Int = 30, perMinute: Double = 30, maxClients: Int = 10_000) {
        self.name = name
        self.limit = RateLimit(capacity: capacity, perMinute: perMinute)
        self.maxClients = maxClients
    }

    public func isExhausted(_ client: String, now: Date) -> Bool {
        guard let bucket = buckets[client] else { return false }
        return limit.refilled(bucket.tokens, updated: bucket.updated, now: now) < 1
    }

    public func allow(_ client: String, now: Date) -> Bool {
        var bucket = buckets[client] ?? Bucket(tokens: limit.capacity, updated: now)
        bucket.tokens = limit.refilled(bucket.tokens, updated: bucket.updated, now: now)
        bucket.updated = max(bucket.updated, now)
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[client] = bucket
        if buckets.count > maxClients {
            let full = buckets.filter { limit.refilled($0.value.tokens, updated: $0.value.updated, now: now) >= limit.capacity }.map(\.key)
            for key in full.prefix(max(1, buckets.count - maxClients)) { buckets[key] = nil }
        }
        return true
    }
}
