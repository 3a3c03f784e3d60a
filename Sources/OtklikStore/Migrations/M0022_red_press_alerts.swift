extension Migrations {
    /// Red-press alerts (seed 002): one per negative press or low rating left without a contact (`feedback_id` unique,
    /// so a retried device batch opens none more), with the times it was opened, acknowledged and closed, who did it,
    /// what they did and how it ended.
    static let v22RedPressAlerts = Migration("0022_red_press_alerts", [
        """
        CREATE TABLE red_press_alerts (
            id TEXT PRIMARY KEY,
            feedback_id TEXT NOT NULL UNIQUE REFERENCES feedback (id),
            location_code TEXT NOT NULL,
            staff_code TEXT,
            event TEXT NOT NULL CHECK (event IN ('negative_press', 'low_score')),
            rating TEXT NOT NULL,
            opened_at BIGINT NOT NULL,
            acknowledged_at BIGINT,
            acknowledged_by TEXT,
            closed_at BIGINT,
            closed_by TEXT,
            action_text TEXT,
            outcome TEXT CHECK (outcome IN ('turned_round', 'not_turned_round', 'customer_gone'))
        )
        """,
        "CREATE INDEX red_press_alerts_location ON red_press_alerts (location_code, opened_at)",
        "CREATE INDEX red_press_alerts_open ON red_press_alerts (closed_at, opened_at)",
    ])
}
