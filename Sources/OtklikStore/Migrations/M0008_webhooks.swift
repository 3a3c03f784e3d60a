extension Migrations {
    /// Outgoing webhooks, the outbox of events and each delivery's state: written in the same transaction as
    /// the change they report, so nothing pending is lost when the server stops.
    static let v8Webhooks = Migration("0008_webhooks", [
        """
        CREATE TABLE webhooks (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            secret TEXT NOT NULL,
            event_types TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            disabled_at BIGINT
        )
        """,
        """
        CREATE TABLE outbox (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE webhook_deliveries (
            message_id TEXT NOT NULL REFERENCES outbox (id),
            webhook_id TEXT NOT NULL REFERENCES webhooks (id),
            status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            last_status INTEGER,
            last_error TEXT,
            delivered_at BIGINT,
            PRIMARY KEY (message_id, webhook_id)
        )
        """,
        "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at)",
    ])
}
