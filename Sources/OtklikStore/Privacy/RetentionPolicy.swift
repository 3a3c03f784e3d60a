import Foundation

/// How long each kind of personal data is kept, in days; nil keeps it (the default). Configuration keys
/// `otklik.retention.comments.days`, `.contacts.days`, `.deliveries.days`, `.audit.days` (OTKLIK_RETENTION_…_DAYS).
public struct RetentionPolicy: Sendable, Equatable {
    /// Feedback comments and open survey answers: the text goes, the scores and text-analysis figures stay.
    public var commentsDays: Int?
    /// Contacts left on feedback and the contact a survey invitation was sent to (with its outgoing message's token).
    public var contactsDays: Int?
    /// Message delivery records and finished webhook deliveries with their events.
    public var deliveriesDays: Int?
    /// The audit log itself.
    public var auditDays: Int?

    public init(commentsDays: Int? = nil, contactsDays: Int? = nil, deliveriesDays: Int? = nil, auditDays: Int? = nil) {
        self.commentsDays = commentsDays
        self.contactsDays = contactsDays
        self.deliveriesDays = deliveriesDays
        self.auditDays = auditDays
    }

    /// Whether anything is ever removed.
    public var removesAnything: Bool { [commentsDays, contactsDays, deliveriesDays, auditDays].contains { $0 != nil } }
}
