extension Migrations {
    /// The change feed: one ordered event per fact table per write transaction, each fact row's position in it, and
    /// the position of each durable consumer. Rows stored before this migration have no position: they are older
    /// than every event (and were derived from in their own transaction, as Otklik did then).
    static let v19ChangeFeed = Migration(
        "0019_change_feed",
        [
            "ALTER TABLE feedback ADD COLUMN feed_position BIGINT",
            "ALTER TABLE interactions ADD COLUMN feed_position BIGINT",
            "ALTER TABLE service_requests ADD COLUMN feed_position BIGINT",
            "ALTER TABLE agent_states ADD COLUMN feed_position BIGINT",
            "ALTER TABLE transcripts ADD COLUMN feed_position BIGINT",
            "CREATE INDEX feedback_feed ON feedback (feed_position)",
            "CREATE INDEX interactions_feed ON interactions (feed_position)",
            "CREATE INDEX service_requests_feed ON service_requests (feed_position)",
            "CREATE INDEX agent_states_feed ON agent_states (feed_position)",
            "CREATE INDEX transcripts_feed ON transcripts (feed_position)",
            """
            CREATE TABLE feed_consumers (
                name TEXT PRIMARY KEY, position BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                failing SMALLINT NOT NULL DEFAULT 0, last_error TEXT
            )
            """,
        ],
        dialectStatements: [
            .sqlite: [
                """
                CREATE TABLE change_feed (
                    position INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL, records INTEGER NOT NULL, created_at BIGINT NOT NULL
                )
                """
            ],
            .postgres: [
                """
                CREATE TABLE change_feed (
                    position BIGSERIAL PRIMARY KEY,
                    kind TEXT NOT NULL, records INTEGER NOT NULL, created_at BIGINT NOT NULL
                )
                """
            ],
        ])
}
