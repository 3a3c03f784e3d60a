extension Migrations {
    /// In-app notifications (per staff member, or the administrators), the dashboard user's staff member, staff
    /// e-mail addresses, and the outbox of e-mails: written in the transaction of the event they report.
    static let v16Notifications = Migration("0016_notifications", [
        "ALTER TABLE users ADD COLUMN staff_code TEXT REFERENCES staff (code)",
        "ALTER TABLE staff ADD COLUMN email TEXT",
        """
        CREATE TABLE notifications (
            id TEXT PRIMARY KEY,
            recipient TEXT,
            kind TEXT NOT NULL,
            case_id TEXT,
            problem_id TEXT,
            detail TEXT,
            created_at BIGINT NOT NULL,
            read_at BIGINT
        )
        """,
        "CREATE INDEX notifications_recipient ON notifications (recipient, created_at)",
        """
        CREATE TABLE mail_outbox (
            id TEXT PRIMARY KEY REFERENCES notifications (id),
            to_address TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT,
            sent_at BIGINT
        )
        """,
        "CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)",
    ])
}
