extension Migrations {
    /// The monthly report by e-mail (issue 20 item 7): who gets which report, in which language and formats, on which
    /// day of the month; and one mailing per subscription and month — its primary key is what makes a restart or a
    /// second server queue the month's mail once — with the outbox's state (attempts, the next attempt, the claim).
    static let v40ReportSubscriptions = Migration("0040_report_subscriptions", [
        """
        CREATE TABLE report_subscriptions (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code),
            lang TEXT NOT NULL CHECK (lang IN ('ru', 'en')),
            formats TEXT NOT NULL,
            day_of_month INTEGER NOT NULL CHECK (day_of_month BETWEEN 1 AND 31),
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE report_mailings (
            subscription_id TEXT NOT NULL REFERENCES report_subscriptions (id) ON DELETE CASCADE,
            month TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_error TEXT,
            created_at BIGINT NOT NULL,
            sent_at BIGINT,
            claimed_by TEXT,
            claimed_until BIGINT,
            PRIMARY KEY (subscription_id, month)
        )
        """,
        "CREATE INDEX report_mailings_due ON report_mailings (status, next_attempt_at)",
    ])
}
