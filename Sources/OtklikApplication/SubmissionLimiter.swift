import Foundation

/// A token bucket per client for the public forms: `capacity` submissions at once, refilled at `perMinute`.
/// Keeps at most `maxClients` buckets (the fullest are forgotten first), so a flood of addresses cannot grow it.
public actor SubmissionLimiter {
    private struct Bucket {
        var tokens: Double
        var updated: TimeInterval
    }

    private var buckets: [String: Bucket] = [:]
    let capacity: Double
    let perMinute: Double
    let maxClients: Int

    public init(capacity: Int = 30, perMinute: Double = 30, maxClients: Int = 10_000) {
        self.capacity = Double(capacity)
        self.perMinute = perMinute
        self.maxClients = maxClients
    }

    /// Whether the client's bucket is empty now (nothing taken).
    public func isExhausted(_ client: String, now: TimeInterval = Date().timeIntervalSince1970) -> Bool {
        guard let bucket = buckets[client] else { return false }
        return min(capacity, bucket.tokens + (now - bucket.updated) * perMinute / 60) < 1
    }

    /// Takes one token for the client; false when its bucket is empty.
    public func allow(_ client: String, now: TimeInterval = Date().timeIntervalSince1970) -> Bool {
        var bucket = buckets[client] ?? Bucket(tokens: capacity, updated: now)
        bucket.tokens = min(capacity, bucket.tokens + (now - bucket.updated) * perMinute / 60)
        bucket.updated = now
        guard bucket.tokens >= 1 else {
            buckets[client] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[client] = bucket
        if buckets.count > maxClients {
            let full = buckets.filter { $0.value.tokens + (now - $0.value.updated) * perMinute / 60 >= capacity }.map(\.key)
            for key in full.prefix(max(1, buckets.count - maxClients)) { buckets[key] = nil }
        }
        return true
    }
}
