extension Migrations {
    /// Cases opened from complaints and contactable low scores, and their history.
    static let v6Cases = Migration("0006_cases", [
        """
        CREATE TABLE cases (
            id TEXT PRIMARY KEY,
            feedback_id TEXT NOT NULL UNIQUE REFERENCES feedback (id),
            location_code TEXT REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            owner TEXT,
            status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed')),
            opened_at BIGINT NOT NULL,
            due_at BIGINT NOT NULL,
            resolved_at BIGINT,
            resolution_code TEXT,
            called_back_at BIGINT
        )
        """,
        "CREATE INDEX cases_status_due ON cases (status, due_at)",
        "CREATE INDEX cases_location ON cases (location_code, opened_at)",
        """
        CREATE TABLE case_events (
            case_id TEXT NOT NULL REFERENCES cases (id),
            seq INTEGER NOT NULL,
            at BIGINT NOT NULL,
            actor TEXT NOT NULL,
            kind TEXT NOT NULL,
            text TEXT,
            PRIMARY KEY (case_id, seq)
        )
        """,
    ])
}
