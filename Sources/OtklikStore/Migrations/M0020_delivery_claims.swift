extension Migrations {
    /// Claims on the webhook deliveries and the e-mail outbox: with several servers on one database each pending item
    /// is taken by one of them (`claimed_by`, until `claimed_until`; an expired claim of a stopped server is taken
    /// again). The claim is released when the attempt is recorded.
    ///
    /// The `feedback.received` events of feedback written before this version were queued in the write itself: the
    /// consumer that now queues them from the change feed starts at the feed's head. Case opening starts at the
    /// beginning (opening is idempotent: a feedback with a case is skipped), which also opens a case a crash left out.
    static let v20DeliveryClaims = Migration(
        "0020_delivery_claims",
        [
            "ALTER TABLE webhook_deliveries ADD COLUMN claimed_by TEXT",
            "ALTER TABLE webhook_deliveries ADD COLUMN claimed_until BIGINT",
            "ALTER TABLE mail_outbox ADD COLUMN claimed_by TEXT",
            "ALTER TABLE mail_outbox ADD COLUMN claimed_until BIGINT",
            """
            INSERT INTO feed_consumers (name, position, updated_at)
            SELECT 'feedback-webhooks', COALESCE(MAX(position), 0), 0 FROM change_feed
            """,
        ])
}
