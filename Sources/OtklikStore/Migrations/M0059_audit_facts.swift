extension Migrations {
    /// The audit log's detail as data (issue 21 item 4): `facts`, the JSON of ``AuditDetail`` (a kind and its fields),
    /// so that `/audit` says what happened in the page's language; `detail` keeps the English words. Older rows have
    /// no facts: they are read back from `detail` (``AuditDetail/parse(action:detail:)``).
    static let v59AuditFacts = Migration("0059_audit_facts", [
        "ALTER TABLE audit_log ADD COLUMN facts TEXT",
    ])
}
