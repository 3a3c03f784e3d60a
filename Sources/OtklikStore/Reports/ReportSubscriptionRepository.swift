import Foundation
import OtklikCore

/// Monthly report subscriptions and their mailings (one per subscription and month).
public protocol ReportSubscriptionRepository: Sendable {
    /// Stores a subscription; a location that does not exist is an error naming `location`.
    func add(_ subscription: ReportSubscription) async throws
    /// Oldest first.
    func subscriptions() async throws -> [ReportSubscription]
    /// Removes a subscription and its mailings; false when there was none with this id.
    func remove(id: String) async throws -> Bool
    /// Queues each (subscription id, month) once: a pair already queued (by this or another server, before a restart) is
    /// left as it is. Returns how many were queued now.
    func queue(_ due: [(subscription: String, month: String)], now: Date) async throws -> Int
    /// Claims up to `limit` pending mailings due at `now` that no live claim holds, for `holder` during `seconds`.
    func claimDue(now: Date, limit: Int, holder: String, seconds: Double) async throws -> [ReportMailing]
    /// Gives up `holder`'s claim on a mailing without recording an attempt.
    func release(subscription: String, month: String, holder: String) async throws
    /// Records an attempt: sent, or tried again at `retryAt`, or given up when `retryAt` is nil.
    func record(subscription: String, month: String, sent: Bool, error: String?, at now: Date, retryAt: Date?) async throws
    /// Every mailing of a subscription, newest month first.
    func mailings(subscription: String) async throws -> [ReportMailing]
}
