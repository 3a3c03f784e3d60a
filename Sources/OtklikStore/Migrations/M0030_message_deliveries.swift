extension Migrations {
    /// One record per message sent to a customer (a survey invitation by e-mail or SMS): its channel, the recipient only
    /// as a hash and a masked form, the template and language, the status (queued, sent, delivered, bounced, failed),
    /// the attempts, the last error, the provider's message id and the times.
    static let v30MessageDeliveries = Migration("0030_message_deliveries", [
        """
        CREATE TABLE message_deliveries (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            subject_id TEXT,
            channel TEXT NOT NULL,
            recipient_hash TEXT,
            recipient_masked TEXT,
            template TEXT NOT NULL,
            lang TEXT,
            status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'delivered', 'bounced', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            provider TEXT,
            provider_id TEXT,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            sent_at BIGINT,
            finished_at BIGINT
        )
        """,
        "CREATE INDEX message_deliveries_subject ON message_deliveries (subject_id)",
        "CREATE INDEX message_deliveries_provider ON message_deliveries (provider, provider_id)",
        "CREATE INDEX message_deliveries_status ON message_deliveries (status, updated_at)",
    ])
}
