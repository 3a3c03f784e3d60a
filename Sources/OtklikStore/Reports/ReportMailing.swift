import Foundation
import OtklikCore

/// One subscription's report of one month (`YYYY-MM`) in the outbox: `pending` until sent, `sent`, or `failed` after
/// the delivery policy gave up.
public struct ReportMailing: Sendable, Equatable {
    public var subscription: ReportSubscription
    public var month: String
    public var status: String
    public var attempts: Int
    public var lastError: String?
    public var sentAt: Date?
}
