extension Migrations {
    /// Who viewed or changed personal data (issue 21 item 4): one row per customer page or API read, export, erasure,
    /// merge, unmerge and import — the actor (`user:…`, `api:…`, `cli`), the action, the subject and its id, a short
    /// detail with no contact in it, and the time.
    static let v35AuditLog = Migration("0035_audit_log", [
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_id TEXT,
            detail TEXT
        )
        """,
        "CREATE INDEX audit_log_at ON audit_log (at, id)",
        "CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, at)",
        "CREATE INDEX audit_log_actor ON audit_log (actor, at)",
    ])
}
