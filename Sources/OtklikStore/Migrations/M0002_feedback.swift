extension Migrations {
    static let v2Feedback = Migration("0002_feedback", [
        """
        CREATE TABLE feedback (
            id TEXT PRIMARY KEY,
            ts BIGINT NOT NULL,
            channel TEXT NOT NULL,
            kind TEXT NOT NULL,
            location_code TEXT REFERENCES locations (code),
            staff_code TEXT REFERENCES staff (code),
            service_code TEXT REFERENCES services (code),
            device_code TEXT REFERENCES devices (code),
            customer_id TEXT REFERENCES customers (id),
            interaction_id TEXT,
            nps SMALLINT CHECK (nps BETWEEN 0 AND 10),
            csat SMALLINT CHECK (csat BETWEEN 1 AND 5),
            ces SMALLINT CHECK (ces BETWEEN 1 AND 7),
            button TEXT CHECK (button IN ('positive', 'neutral', 'negative')),
            reasons TEXT,
            comment TEXT,
            contact TEXT,
            lang TEXT,
            received_at BIGINT NOT NULL
        )
        """,
        "CREATE INDEX feedback_ts ON feedback (ts, id)",
        "CREATE INDEX feedback_location_ts ON feedback (location_code, ts)",
        "CREATE INDEX feedback_staff_ts ON feedback (staff_code, ts)",
    ])
}
