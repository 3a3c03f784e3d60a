import Foundation
import OtklikCore

/// What a customer's status link shows of a complaint case: its public status and dates, and their rating once given —
/// nothing else (no text, no names, no contact).
public struct CaseStatusView: Sendable, Equatable {
    public var status: CaseStatus
    public var openedAt: Date
    public var dueAt: Date
    public var resolvedAt: Date?
    /// The customer's CSAT rating (1-5) of the resolution, nil until given.
    public var rating: Int?

    /// A rating is asked once the case is resolved (or closed) and until it is given.
    public var asksForRating: Bool { !status.isOpen && rating == nil }
}
