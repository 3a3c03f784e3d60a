extension Migrations {
    /// Mystery shopping: checklists from the service standard, planned visits and calls, and the shopper's results with
    /// each item's fulfilment and the visit's score as computed when it was reported (a later checklist change does not
    /// rewrite past scores).
    static let v23bMysteryShopping = Migration("0023b_mystery_shopping", [
        """
        CREATE TABLE mystery_checklists (
            code TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            items TEXT NOT NULL,
            updated_at BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE mystery_visits (
            id TEXT PRIMARY KEY,
            checklist_code TEXT NOT NULL REFERENCES mystery_checklists (code),
            location_code TEXT NOT NULL REFERENCES locations (code),
            channel TEXT NOT NULL CHECK (channel IN ('visit', 'call')),
            period_from BIGINT NOT NULL,
            period_to BIGINT NOT NULL,
            created_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX mystery_visits_period ON mystery_visits (period_from)",
        """
        CREATE TABLE mystery_results (
            visit_id TEXT PRIMARY KEY REFERENCES mystery_visits (id),
            shopper TEXT NOT NULL,
            done_at BIGINT NOT NULL,
            staff_code TEXT REFERENCES staff (code),
            answers TEXT NOT NULL,
            comment TEXT,
            score DOUBLE PRECISION NOT NULL,
            received_at BIGINT NOT NULL,
            feed_position BIGINT
        )
        """,
        "CREATE INDEX mystery_results_done ON mystery_results (done_at)",
        """
        CREATE TABLE mystery_answers (
            visit_id TEXT NOT NULL REFERENCES mystery_results (visit_id),
            item_code TEXT NOT NULL,
            fulfilment DOUBLE PRECISION NOT NULL,
            weight DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (visit_id, item_code)
        )
        """,
    ])
}
