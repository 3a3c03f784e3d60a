extension Migrations {
    /// The messages programmes send to customers (issue 19 item 2, action `message`): written in the transaction of the
    /// programme's decision, one per action, then delivered with retries by the programme message dispatcher (each
    /// attempt also in `message_deliveries`). The recipient's address stays only until the message is sent or given up.
    static let v39ProgrammeMessages = Migration("0039_programme_messages", [
        """
        CREATE TABLE programme_messages (
            id TEXT PRIMARY KEY,
            action_id TEXT NOT NULL UNIQUE,
            programme_code TEXT NOT NULL REFERENCES programmes (code),
            customer_id TEXT NOT NULL REFERENCES customers (id),
            channel TEXT NOT NULL,
            recipient TEXT,
            lang TEXT NOT NULL,
            subject TEXT NOT NULL,
            body TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            next_attempt_at BIGINT NOT NULL,
            created_at BIGINT NOT NULL,
            sent_at BIGINT
        )
        """,
        "CREATE INDEX programme_messages_due ON programme_messages (status, next_attempt_at)",
    ])
}
