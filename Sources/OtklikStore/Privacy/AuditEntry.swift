import Foundation

/// One row of the audit log: who (`user:NAME`, `api:KEY NAME`, `cli`) did what (`view`, `export`, `erase`, `merge`,
/// `unmerge`, `import`, `search`) to which personal data (`customer` and its id), when, and a short detail that never
/// holds a contact — as data (`facts`, ``AuditDetail``) and in English words (`detail`, the facts' ``AuditDetail/sentence``);
/// also who changed a user's role and scope (`role`, subject kind `user`: ``UserRoleAudit``).
public struct AuditEntry: Sendable, Equatable, Codable {
    public var id: String
    public var at: Date
    public var actor: String
    public var action: String
    public var subjectKind: String
    public var subjectId: String?
    /// The detail in English words: the facts' sentence, or, for an entry written before migration 0059, as stored.
    public var detail: String?
    /// The detail as data: stored since migration 0059, read back from `detail` for an older entry in one of the fixed
    /// forms (``AuditDetail/parse(action:detail:)``); nil when there is no detail or it is in none of them.
    public var facts: AuditDetail?

    /// An entry; `detail` is the facts' sentence unless given (an older entry's text).
    public init(id: String? = nil, at: Date = Date(), actor: String, action: String,
        subjectKind: String = "customer", subjectId: String?, detail: String? = nil, facts: AuditDetail? = nil)
    {
        self.id = id ?? "aud_" + SecretToken.identifier(length: 20)
        self.at = at
        self.actor = actor
        self.action = action
        self.subjectKind = subjectKind
        self.subjectId = subjectId
        self.detail = detail ?? facts?.sentence
        self.facts = facts
    }

    enum CodingKeys: String, CodingKey {
        case id, at, actor, action, detail, facts
        case subjectKind = "subject_kind", subjectId = "subject_id"
    }

    /// The actions the log records.
    public static let actions = ["view", "search", "export", "erase", "merge", "unmerge", "review", "import", "retention", "role"]
}

/// Which audit entries to list: each filter optional, newest first.
public struct AuditFilter: Sendable, Equatable {
    public var actor: String?
    public var action: String?
    public var subjectId: String?
    public var since: Date?
    public var until: Date?
    public var offset: Int
    public var limit: Int

    public init(actor: String? = nil, action: String? = nil, subjectId: String? = nil, since: Date? = nil, until: Date? = nil,
        offset: Int = 0, limit: Int = 100)
    {
        self.actor = actor
        self.action = action
        self.subjectId = subjectId
        self.since = since
        self.until = until
        self.offset = offset
        self.limit = limit
    }
}
