extension Migrations {
    /// What follows from a case history line, carried on the line (issue 17 item 2): the `case.*` webhook it calls for
    /// (`webhook_type` and the event's exact JSON, `webhook_payload`: the case as of the line) and the staff notice the
    /// state machine, the supervision or an escalation decided (`notice_kind`, `notice_recipient`, `notice_detail`, and
    /// `notice_actor`, the user whose own action is not announced to themselves). The `case-webhooks` and
    /// `case-notifications` consumers of the change feed write them; lines written before this version were followed up
    /// in their own transaction, so both consumers start at the feed's head.
    static let v60CaseEventFollowUps = Migration(
        "0060_case_event_follow_ups",
        [
            "ALTER TABLE case_events ADD COLUMN webhook_type TEXT",
            "ALTER TABLE case_events ADD COLUMN webhook_payload TEXT",
            "ALTER TABLE case_events ADD COLUMN notice_kind TEXT",
            "ALTER TABLE case_events ADD COLUMN notice_recipient TEXT",
            "ALTER TABLE case_events ADD COLUMN notice_detail TEXT",
            "ALTER TABLE case_events ADD COLUMN notice_actor TEXT",
            """
            INSERT INTO feed_consumers (name, position, updated_at)
            SELECT 'case-webhooks', COALESCE(MAX(position), 0), 0 FROM change_feed
            """,
            """
            INSERT INTO feed_consumers (name, position, updated_at)
            SELECT 'case-notifications', COALESCE(MAX(position), 0), 0 FROM change_feed
            """,
        ])
}
