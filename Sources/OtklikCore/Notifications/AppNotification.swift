import Foundation

/// An in-app notification, addressed to a staff member (a case's owner, a location's manager) or, when there is
/// nobody to address it to, to the administrators (`recipient` nil). Read once by its reader.
public struct AppNotification: Sendable, Codable, Equatable {
    public var id: String
    /// A staff code; nil: the administrators.
    public var recipient: String?
    public var kind: NotificationKind
    public var caseId: String?
    public var problemId: String?
    /// What the notification is about in a few words (a location, an escalation step), not customer text.
    public var detail: String?
    public var createdAt: Date
    public var readAt: Date?

    public init(
        id: String, recipient: String?, kind: NotificationKind, caseId: String? = nil, problemId: String? = nil, detail: String? = nil,
        createdAt: Date, readAt: Date? = nil
    ) {
        self.id = id
        self.recipient = recipient
        self.kind = kind
        self.caseId = caseId
        self.problemId = problemId
        self.detail = detail
        self.createdAt = createdAt
        self.readAt = readAt
    }

    enum CodingKeys: String, CodingKey {
        case id, recipient, kind, caseId = "case_id", problemId = "problem_id", detail, createdAt = "created_at", readAt = "read_at"
    }

    /// The page a reader opens from the notification.
    public var href: String? {
        if let caseId { return "/cases/\(caseId)" }
        if let problemId { return "/problems/\(problemId)" }
        if kind == .alertOpened { return "/alerts" }
        return nil
    }
}

/// Whose notifications a query reads: everyone's (the API without a recipient), one staff member's, or a
/// dashboard user's (their staff member's, and the administrators' when they are an administrator), or those of the
/// staff whose service point (`staff.location`) is one of some locations (an API key limited to them).
public enum NotificationAudience: Sendable, Equatable {
    case everyone
    case staff(String)
    case user(staff: String?, isAdmin: Bool)
    /// The notifications addressed to staff members at these locations; never the administrators'. None when empty.
    case staffAt(locations: Set<String>)
}
