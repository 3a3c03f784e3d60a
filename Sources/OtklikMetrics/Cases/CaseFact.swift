import Foundation

/// What the case reports need of one case.
public struct CaseFact: Sendable, Equatable {
    public var location: String?
    public var staff: String?
    public var owner: String?
    public var openedAt: Date
    public var dueAt: Date
    public var resolvedAt: Date?
    public var firstResponseDueAt: Date?
    public var firstResponseAt: Date?
    public var open: Bool
    public var reopened: Bool
    /// Whether the complainant later gave positive feedback (nil: no contact to follow).
    public var recovered: Bool?
    /// `low`, `normal`, `high`, `urgent`.
    public var priority: String?

    public init(
        location: String?, staff: String?, owner: String?, openedAt: Date, dueAt: Date, resolvedAt: Date?, firstResponseDueAt: Date?,
        firstResponseAt: Date?, open: Bool, reopened: Bool, recovered: Bool?, priority: String? = nil
    ) {
        self.priority = priority
        self.location = location
        self.staff = staff
        self.owner = owner
        self.openedAt = openedAt
        self.dueAt = dueAt
        self.resolvedAt = resolvedAt
        self.firstResponseDueAt = firstResponseDueAt
        self.firstResponseAt = firstResponseAt
        self.open = open
        self.reopened = reopened
        self.recovered = recovered
    }
}
