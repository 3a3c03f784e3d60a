extension Migrations {
    /// Case history lines on the change feed: each line carries the position of the feed event its transaction
    /// appended (`case_events`), so a consumer follows cases opened and changed — resolved, reopened, escalated,
    /// breached — in order, as it follows feedback. Lines written before this migration have none.
    static let v36CaseEventFeed = Migration("0036_case_event_feed", [
        "ALTER TABLE case_events ADD COLUMN feed_position BIGINT",
        "CREATE INDEX case_events_feed_position ON case_events (feed_position)",
    ])
}
