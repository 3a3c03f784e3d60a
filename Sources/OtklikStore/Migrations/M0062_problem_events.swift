extension Migrations {
    /// A problem's history (issue 17 item 2): one line per change — `opened` (by the detection), `assigned`,
    /// `root_cause`, `action_plan`, `fixed`, `closed` — numbered per problem, with its time, its actor when known, the
    /// position of the `problem_events` event its transaction appended to the change feed, and what follows from it,
    /// as on a case's lines (migration 0060): the `problem.opened` or `problem.updated` webhook (`webhook_type` and the
    /// event's exact JSON, `webhook_payload`: the problem as of the line, and on opening how many cases it has) and the
    /// notice of an opening to the location's manager. The `problem-webhooks` and `problem-notifications` consumers
    /// of the change feed write them. Problems opened before this version have no lines (their webhook and notification
    /// were written in their own transaction), so both consumers start at the feed's head.
    static let v62ProblemEvents = Migration(
        "0062_problem_events",
        [
            """
            CREATE TABLE problem_events (
                problem_id TEXT NOT NULL REFERENCES problems (id),
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('opened', 'assigned', 'root_cause', 'action_plan', 'fixed', 'closed')),
                at BIGINT NOT NULL,
                actor TEXT,
                webhook_type TEXT,
                webhook_payload TEXT,
                notice_kind TEXT,
                notice_recipient TEXT,
                notice_detail TEXT,
                notice_actor TEXT,
                feed_position BIGINT NOT NULL,
                PRIMARY KEY (problem_id, seq)
            )
            """,
            "CREATE INDEX problem_events_feed ON problem_events (feed_position)",
            """
            INSERT INTO feed_consumers (name, position, updated_at)
            SELECT 'problem-webhooks', COALESCE(MAX(position), 0), 0 FROM change_feed
            """,
            """
            INSERT INTO feed_consumers (name, position, updated_at)
            SELECT 'problem-notifications', COALESCE(MAX(position), 0), 0 FROM change_feed
            """,
        ])
}
